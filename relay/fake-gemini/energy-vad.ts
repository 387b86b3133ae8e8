/**
 * Energy voice-activity detector that runs on the PCM sample timeline, not the wall clock: a client may
 * push ten seconds of audio in one millisecond (tests do) and still get the same decisions as in real time.
 *
 * Frames of `frameMs` are scored by RMS (0..1 of full scale). Hysteresis: a frame must reach
 * `startThreshold` to open speech and only needs `stopThreshold` to keep it open. Speech starts after
 * `onsetMs` of loud frames; it ends after `endOfSpeechSilenceMs` of quiet frames, and only counts as an
 * utterance if it lasted `minSpeechMs` (shorter bursts, such as a cough or a click, are dropped).
 */

export interface EnergyVadOptions {
  endOfSpeechSilenceMs?: number;
  minSpeechMs?: number;
  onsetMs?: number;
  frameMs?: number;
  startThreshold?: number;
  stopThreshold?: number;
}

export type VadEvent =
  /** Speech began at `atMs` (sample-timeline milliseconds since the first sample). */
  | { type: 'speechStart'; atMs: number }
  /** An utterance of `speechMs` ended; `atMs` is when the required silence had elapsed. */
  | { type: 'speechEnd'; atMs: number; speechMs: number }
  /** Speech that was too short to be an answer was discarded. */
  | { type: 'speechDiscarded'; atMs: number; speechMs: number };

export const VAD_DEFAULTS: Required<EnergyVadOptions> = {
  endOfSpeechSilenceMs: 800,
  minSpeechMs: 250,
  onsetMs: 60,
  frameMs: 20,
  startThreshold: 0.02,
  stopThreshold: 0.01,
};

export class EnergyVad {
  readonly options: Required<EnergyVadOptions>;
  private sampleRate = 0;
  private frameSamples = 0;
  private samplesSeen = 0;
  private frameSumSq = 0;
  private frameCount = 0;
  private pendingByte: number | undefined;
  private state: 'silence' | 'onset' | 'speech' = 'silence';
  private onsetStartMs = 0;
  private speechStartMs = 0;
  private lastLoudEndMs = 0;

  constructor(options: EnergyVadOptions = {}) {
    this.options = { ...VAD_DEFAULTS, ...stripUndefined(options) };
  }

  /** True between `speechStart` and the matching end. */
  get inSpeech(): boolean {
    return this.state === 'speech';
  }

  /** Milliseconds of audio pushed so far, on the sample timeline. */
  get positionMs(): number {
    return this.sampleRate ? (this.samplesSeen * 1000) / this.sampleRate : 0;
  }

  /** Speech so far in the current utterance (0 when not in speech). */
  get currentSpeechMs(): number {
    return this.state === 'speech' ? this.lastLoudEndMs - this.speechStartMs : 0;
  }

  /** Feeds PCM16 LE mono bytes; odd trailing bytes are carried over to the next push. */
  push(pcm: Uint8Array, sampleRate: number): VadEvent[] {
    if (sampleRate !== this.sampleRate) {
      // A rate change restarts framing but keeps the timeline position.
      const pos = this.positionMs;
      this.sampleRate = sampleRate;
      this.frameSamples = Math.max(1, Math.round((this.options.frameMs / 1000) * sampleRate));
      this.samplesSeen = Math.round((pos / 1000) * sampleRate);
      this.frameSumSq = 0;
      this.frameCount = 0;
    }
    const events: VadEvent[] = [];
    let i = 0;
    if (this.pendingByte !== undefined && pcm.byteLength > 0) {
      this.addSample(int16(this.pendingByte, pcm[0] ?? 0), events);
      this.pendingByte = undefined;
      i = 1;
    }
    for (; i + 1 < pcm.byteLength; i += 2) this.addSample(int16(pcm[i] ?? 0, pcm[i + 1] ?? 0), events);
    if (i < pcm.byteLength) this.pendingByte = pcm[i];
    return events;
  }

  /** Forces the end of the current utterance (audioStreamEnd / activityEnd); returns its speech length. */
  flush(): number {
    const speechMs = this.currentSpeechMs;
    this.state = 'silence';
    return speechMs;
  }

  private addSample(sample: number, events: VadEvent[]): void {
    const x = sample / 32768;
    this.frameSumSq += x * x;
    this.frameCount++;
    this.samplesSeen++;
    if (this.frameCount >= this.frameSamples) {
      const rms = Math.sqrt(this.frameSumSq / this.frameCount);
      this.frameSumSq = 0;
      this.frameCount = 0;
      this.onFrame(rms, this.positionMs, events);
    }
  }

  private onFrame(rms: number, endMs: number, events: VadEvent[]): void {
    const o = this.options;
    const startMs = endMs - o.frameMs;
    switch (this.state) {
      case 'silence':
        if (rms >= o.startThreshold) {
          this.state = 'onset';
          this.onsetStartMs = startMs;
          this.lastLoudEndMs = endMs;
          if (endMs - startMs >= o.onsetMs) this.openSpeech(events);
        }
        return;
      case 'onset':
        if (rms >= o.stopThreshold) {
          this.lastLoudEndMs = endMs;
          if (endMs - this.onsetStartMs >= o.onsetMs) this.openSpeech(events);
        } else {
          this.state = 'silence';
        }
        return;
      case 'speech':
        if (rms >= o.stopThreshold) {
          this.lastLoudEndMs = endMs;
        } else if (endMs - this.lastLoudEndMs >= o.endOfSpeechSilenceMs) {
          const speechMs = this.lastLoudEndMs - this.speechStartMs;
          this.state = 'silence';
          events.push({
            type: speechMs >= o.minSpeechMs ? 'speechEnd' : 'speechDiscarded',
            atMs: endMs,
            speechMs,
          });
        }
        return;
    }
  }

  private openSpeech(events: VadEvent[]): void {
    this.state = 'speech';
    this.speechStartMs = this.onsetStartMs;
    events.push({ type: 'speechStart', atMs: this.onsetStartMs });
  }
}

function int16(lo: number, hi: number): number {
  const v = lo | (hi << 8);
  return v >= 0x8000 ? v - 0x10000 : v;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
