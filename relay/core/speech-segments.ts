import { INPUT_SAMPLE_RATE } from '../protocol/limits';

/**
 * Speech/silence segmentation of the candidate's uplink audio by frame energy, on the audio timeline (the
 * samples received, not the wall clock): the same audio always gives the same segments. Cheap enough for the
 * relay's hot path: one pass over each frame's samples (a sum of squares per 20 ms window) and a few
 * comparisons; only segment boundaries are kept.
 *
 * Hysteresis, as in the fake's VAD: a window must reach {@link SPEECH_START_RMS} (of full scale) to open
 * speech and only {@link SPEECH_STOP_RMS} to keep it open; speech opens after {@link SPEECH_ONSET_MS} of loud
 * windows and closes after {@link SPEECH_HANGOVER_MS} of quiet ones, so gaps shorter than that are not pauses.
 */
export const SPEECH_WINDOW_MS = 20;
export const SPEECH_START_RMS = 0.02;
export const SPEECH_STOP_RMS = 0.01;
export const SPEECH_ONSET_MS = 60;
export const SPEECH_HANGOVER_MS = 300;
/** Segments kept per session (about 45 minutes of fluent speech at one segment a second, with room). */
export const MAX_SPEECH_SEGMENTS = 10_000;

const WINDOW_SAMPLES = (INPUT_SAMPLE_RATE * SPEECH_WINDOW_MS) / 1000;
const START_SUM = SPEECH_START_RMS * SPEECH_START_RMS * 32768 * 32768;
const STOP_SUM = SPEECH_STOP_RMS * SPEECH_STOP_RMS * 32768 * 32768;

/** Milliseconds on the candidate audio timeline. */
export interface SpeechSegment {
  startMs: number;
  endMs: number;
}

export interface SegmenterSnapshot {
  samples: number;
  segments: [number, number][];
}

export class SpeechSegmenter {
  readonly #segments: SpeechSegment[] = [];
  #samples = 0;
  #windowSum = 0;
  #windowCount = 0;
  #state: 'silence' | 'onset' | 'speech' = 'silence';
  #onsetStartMs = 0;
  #lastLoudEndMs = 0;

  constructor(snapshot?: SegmenterSnapshot) {
    if (!snapshot) return;
    this.#samples = snapshot.samples;
    for (const [startMs, endMs] of snapshot.segments) this.#segments.push({ startMs, endMs });
  }

  /** Where the audio timeline stands: milliseconds of candidate audio received. */
  get positionMs(): number {
    return (this.#samples * 1000) / INPUT_SAMPLE_RATE;
  }

  /** One uplink frame of PCM16 mono little-endian at {@link INPUT_SAMPLE_RATE}. */
  push(pcm: Uint8Array): void {
    const count = pcm.byteLength >> 1;
    const samples =
      pcm.byteOffset % 2 === 0
        ? new Int16Array(pcm.buffer, pcm.byteOffset, count)
        : new Int16Array(pcm.slice(0, count * 2).buffer);
    let sum = this.#windowSum;
    let n = this.#windowCount;
    for (let i = 0; i < count; i++) {
      const s = samples[i] as number;
      sum += s * s;
      if (++n === WINDOW_SAMPLES) {
        this.#samples += n;
        this.#window(sum / n);
        sum = 0;
        n = 0;
      }
    }
    this.#windowSum = sum;
    this.#windowCount = n;
  }

  #window(meanSquare: number): void {
    const endMs = this.positionMs;
    switch (this.#state) {
      case 'silence':
        if (meanSquare >= START_SUM) {
          this.#state = 'onset';
          this.#onsetStartMs = endMs - SPEECH_WINDOW_MS;
          this.#lastLoudEndMs = endMs;
        }
        break;
      case 'onset':
        if (meanSquare < START_SUM) this.#state = 'silence';
        else if (endMs - this.#onsetStartMs >= SPEECH_ONSET_MS) {
          this.#state = 'speech';
          this.#lastLoudEndMs = endMs;
        }
        break;
      case 'speech':
        if (meanSquare >= STOP_SUM) this.#lastLoudEndMs = endMs;
        else if (endMs - this.#lastLoudEndMs >= SPEECH_HANGOVER_MS) {
          this.#state = 'silence';
          if (this.#segments.length < MAX_SPEECH_SEGMENTS)
            this.#segments.push({ startMs: this.#onsetStartMs, endMs: this.#lastLoudEndMs });
        }
        break;
    }
  }

  /** Every segment so far, the one still open (if any) ending at the last loud window. */
  segments(): SpeechSegment[] {
    const open =
      this.#state === 'speech' ? [{ startMs: this.#onsetStartMs, endMs: this.#lastLoudEndMs }] : [];
    return [...this.#segments, ...open];
  }

  /** Segments clipped to [fromMs, toMs). */
  between(fromMs: number, toMs: number): SpeechSegment[] {
    return this.segments()
      .filter((s) => s.endMs > fromMs && s.startMs < toMs)
      .map((s) => ({ startMs: Math.max(s.startMs, fromMs), endMs: Math.min(s.endMs, toMs) }));
  }

  /** Closed segments and the timeline position (an open segment restarts after a restore). */
  snapshot(): SegmenterSnapshot {
    return {
      samples: this.#samples + this.#windowCount,
      segments: this.segments().map((s) => [s.startMs, s.endMs]),
    };
  }
}
