import { type BackoffPolicy, CloseCode, isTerminalCloseCode } from '../../../relay/protocol/index';

/**
 * When and how the session reconnects after the connection drops mid-interview. All times in ms. The retry
 * delays are `backoffDelay` (relay/protocol/backoff.ts), shared with the SSE uplink and the upstream link.
 */
export interface ReconnectPolicy extends BackoffPolicy {
  /** Attempts before giving up with `connection-lost`. */
  maxAttempts: number;
  /** A connection must stay up this long before the attempt counter resets. */
  minUptimeMs: number;
  /** A connect that is not open by then counts as failed; `ready` must follow within the same time. */
  connectTimeoutMs: number;
  /**
   * `transport="auto"`: a WebSocket not open within this falls back to SSE (a proxy swallowed the upgrade),
   * and so does one that opened but brought no `ready` within it (nothing flows through).
   */
  fallbackTimeoutMs: number;
  /** Refresh the token this long before it expires. */
  tokenRefreshMarginMs: number;
  /**
   * Nothing at all from the relay for this long — not even its 15 s heartbeat — means the connection is dead
   * though no close arrived (the network vanished): drop it and reconnect.
   */
  silenceTimeoutMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialDelayMs: 300,
  maxDelayMs: 8_000,
  multiplier: 2,
  jitter: 0.25,
  maxAttempts: 8,
  minUptimeMs: 10_000,
  connectTimeoutMs: 6_000,
  fallbackTimeoutMs: 2_500,
  tokenRefreshMarginMs: 30_000,
  silenceTimeoutMs: 40_000,
};

/** A close worth retrying: not a normal close and not one the same credentials cannot fix. */
export function shouldRetryClose(code: number): boolean {
  return code !== CloseCode.Normal && !isTerminalCloseCode(code);
}
