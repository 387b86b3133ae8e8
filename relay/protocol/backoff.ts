/**
 * Capped exponential backoff with jitter: the one retry schedule used by the widget's reconnect, the SSE
 * uplink's POST retries and the relay's upstream (Gemini) reconnect.
 */
export interface BackoffPolicy {
  /** Delay before the first retry (attempt 0). */
  initialDelayMs: number;
  /** No delay is longer than this (before jitter). */
  maxDelayMs: number;
  /** Each failed attempt multiplies the delay by this. */
  multiplier: number;
  /** +/- this fraction of random jitter on every delay, so many clients do not retry in lockstep (0–1). */
  jitter: number;
}

/** Delay in ms before retry number `attempt` (0-based). `random` returns [0, 1), like Math.random. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.max(0, Math.round(base * (1 + jitter * (2 * random() - 1))));
}
