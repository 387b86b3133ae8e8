/**
 * When each session's frames and chunks are due within a period, for the load generator's candidate frames
 * and the fake's interviewer chunks alike. `spread` (the default): session i of N is offset by i/N of the
 * period, as N candidates whose microphones started at unrelated moments are; the relay sees a steady stream.
 * `aligned` (`BENCH_PHASES=aligned`): every session at once, a burst of N messages each period, which no crowd
 * of real clients sends; the latency then mostly measures the burst's queue.
 */
export const BENCH_PHASES: 'spread' | 'aligned' =
  process.env.BENCH_PHASES === 'aligned' ? 'aligned' : 'spread';

/**
 * How many slots are due `elapsedMs` after the start, slot s being message ⌊s/n⌋ of session s mod n: every
 * one due is sent, even after a late timer, so the pace never drifts.
 */
export function slotsDue(elapsedMs: number, n: number, periodMs: number): number {
  return BENCH_PHASES === 'aligned'
    ? (Math.floor(elapsedMs / periodMs) + 1) * n
    : Math.floor((elapsedMs * n) / periodMs) + 1;
}

/** The timer that sends what is due: fine enough for spread slots, half a period for aligned bursts. */
export function tickMs(periodMs: number): number {
  return BENCH_PHASES === 'aligned' ? periodMs / 2 : 1;
}
