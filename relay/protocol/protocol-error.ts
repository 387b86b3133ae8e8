import type { ErrorCode } from './messages';

/** A typed failure to accept a message or request: `code` is what the client is told. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}
