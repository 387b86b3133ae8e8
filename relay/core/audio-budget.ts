import { INPUT_SAMPLE_RATE } from '../protocol/limits';

/** Candidate audio bytes per second of sound (PCM16 mono). */
export const AUDIO_BYTES_PER_SECOND = INPUT_SAMPLE_RATE * 2;
/** Sustained audio accepted per wall-clock second, in seconds of sound. */
export const AUDIO_REALTIME_FACTOR = 1.5;
/** Seconds of sound accepted at once: a resuming client resends its buffer (up to ~10 s) in one go. */
export const AUDIO_BURST_SECONDS = 15;

/**
 * Bounds what one session can make Gemini listen to: audio is counted in seconds of sound, not frames or
 * requests, so large frames cannot multiply the rate. A token bucket of {@link AUDIO_BURST_SECONDS} refilled
 * at {@link AUDIO_REALTIME_FACTOR}× real time.
 */
export class AudioBudget {
  #bytes: number;
  #at: number;
  /** Audio bytes refused so far. */
  refusedBytes = 0;

  constructor(
    private readonly capacity = AUDIO_BURST_SECONDS * AUDIO_BYTES_PER_SECOND,
    private readonly perSecond = AUDIO_REALTIME_FACTOR * AUDIO_BYTES_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {
    this.#bytes = capacity;
    this.#at = now();
  }

  /** Takes `bytes` of audio all at once, or nothing (false) when that would exceed the budget. */
  take(bytes: number): boolean {
    const now = this.now();
    this.#bytes = Math.min(this.capacity, this.#bytes + ((now - this.#at) * this.perSecond) / 1000);
    this.#at = now;
    if (bytes > this.#bytes) {
      this.refusedBytes += bytes;
      return false;
    }
    this.#bytes -= bytes;
    return true;
  }
}
