import type { ErrorCode } from '../../relay/protocol/index';

/** Every failure the element reports: the relay's error codes plus what can go wrong in the browser. */
export type VoiceInterviewErrorCode =
  | ErrorCode
  | 'mic-denied'
  | 'no-mic'
  | 'mic-unavailable'
  | 'audio-unsupported'
  | 'relay-unreachable'
  | 'connection-lost'
  | 'invalid-state';

export class VoiceInterviewError extends Error {
  override readonly name: string = 'VoiceInterviewError';
  constructor(
    readonly code: VoiceInterviewErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Thrown by start(), end(), mute() and unmute() when called in a state where they make no sense. */
export class InvalidStateError extends VoiceInterviewError {
  override readonly name = 'InvalidStateError';
  constructor(action: string, state: string) {
    super('invalid-state', `cannot ${action} while ${state}`);
  }
}

/** Maps a getUserMedia failure to an error the UI can explain. */
export function microphoneError(error: unknown): VoiceInterviewError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new VoiceInterviewError('mic-denied', 'Microphone access was denied', true);
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new VoiceInterviewError('no-mic', 'No microphone was found', true);
  }
  return new VoiceInterviewError(
    'mic-unavailable',
    `The microphone could not be opened (${name || error})`,
    true,
  );
}

export function asVoiceInterviewError(error: unknown): VoiceInterviewError {
  if (error instanceof VoiceInterviewError) return error;
  return new VoiceInterviewError('internal', error instanceof Error ? error.message : String(error));
}
