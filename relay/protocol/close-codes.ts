import type { ErrorCode } from './messages';

/**
 * WebSocket close codes the relay uses toward clients (4000-4999 is the application range).
 * The relay sends an `error` event first, then closes with the matching code, so a client that only sees
 * the close (browsers hide HTTP upgrade failures) still knows why.
 */
export const CloseCode = {
  Normal: 1000,
  /** The relay is restarting or draining (RFC 6455 "Service Restart"): reconnect after a backoff. */
  Restarting: 1012,
  BadRequest: 4400,
  Unauthorized: 4401,
  ForbiddenOrigin: 4403,
  SessionNotFound: 4404,
  /** Another connection took over this session (the newest connection wins). */
  Replaced: 4409,
  /** The client read too slowly: its send queue overflowed (audio was dropped first). Reconnect to resume. */
  TooSlow: 4408,
  PayloadTooLarge: 4413,
  RateLimited: 4429,
  Upstream: 4502,
  Internal: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const BY_ERROR: Record<ErrorCode, CloseCode> = {
  'bad-request': CloseCode.BadRequest,
  protocol: CloseCode.BadRequest,
  'payload-too-large': CloseCode.PayloadTooLarge,
  unauthorized: CloseCode.Unauthorized,
  'forbidden-origin': CloseCode.ForbiddenOrigin,
  'forbidden-host': CloseCode.ForbiddenOrigin,
  'session-not-found': CloseCode.SessionNotFound,
  'unknown-interview': CloseCode.BadRequest,
  'rate-limited': CloseCode.RateLimited,
  'session-limit': CloseCode.RateLimited,
  'upstream-rejected': CloseCode.Upstream,
  'upstream-policy': CloseCode.Upstream,
  'upstream-unavailable': CloseCode.Upstream,
  'upstream-lost': CloseCode.Upstream,
  'upstream-handle-expired': CloseCode.Upstream,
  'relay-draining': CloseCode.Restarting,
  internal: CloseCode.Internal,
};

export function closeCodeFor(code: ErrorCode): CloseCode {
  return BY_ERROR[code];
}

/** Close codes after which reconnecting with the same credentials cannot help. */
export function isTerminalCloseCode(code: number): boolean {
  return (
    code === CloseCode.Unauthorized ||
    code === CloseCode.ForbiddenOrigin ||
    code === CloseCode.SessionNotFound ||
    code === CloseCode.BadRequest ||
    code === CloseCode.Replaced
  );
}

/** HTTP status for an error answered over HTTP. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'bad-request':
    case 'protocol':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden-origin':
    case 'forbidden-host':
      return 403;
    case 'session-not-found':
    case 'unknown-interview':
      return 404;
    case 'payload-too-large':
      return 413;
    case 'rate-limited':
      return 429;
    case 'session-limit':
    case 'upstream-unavailable':
    case 'relay-draining':
      return 503;
    case 'upstream-rejected':
    case 'upstream-policy':
    case 'upstream-lost':
    case 'upstream-handle-expired':
      return 502;
    case 'internal':
      return 500;
  }
}
