import { MAX_AUDIO_SEQ_AHEAD } from '../protocol/limits';
import { ProtocolError } from '../protocol/protocol-error';
import { AudioBudget } from './audio-budget';

/** What the intake does with audio it accepted, and whom it tells about what it refused or missed. */
export interface AudioIntakeSink {
  /** Whether accepted audio goes upstream now (the interview is starting or live). */
  flowing(): boolean;
  /** One accepted frame's PCM, in sequence order, while {@link flowing}. */
  forward(pcm: Uint8Array): void;
  /** Frames `first`..`last` never arrived; the frame after them did. */
  gap(first: number, last: number): void;
  /** Audio refused for arriving faster than real time (the total refused so far). */
  overBudget(refusedBytes: number): void;
}

export interface AudioAccepted {
  status: 'accepted' | 'duplicate';
  /** Sequence numbers skipped just before this frame (at most 100 listed). */
  gap: number[];
}

/**
 * The candidate's audio as it comes in, on any transport: numbered frames, each accepted once. Duplicates
 * (a number already accepted: a resend after a reconnect) are ignored; a jump forward is accepted and reported
 * as a gap; numbers far ahead and audio faster than real time ({@link AudioBudget}) are refused with a typed
 * error. Also remembers the number at the last interviewer turn boundary, which is what a checkpoint records.
 */
export class CandidateAudioIntake {
  #lastSeq: number;
  /**
   * The sequence at the last interviewer turn boundary. Gemini issues its resumption handle right after
   * turnComplete, so audio accepted after that may not be in the resumed conversation; a restored client
   * resends from here.
   */
  #boundarySeq: number;

  constructor(
    lastSeq: number,
    private readonly sink: AudioIntakeSink,
    private readonly budget = new AudioBudget(),
  ) {
    this.#lastSeq = lastSeq;
    this.#boundarySeq = lastSeq;
  }

  /** The last frame accepted (the `ready` event's `lastAudioSeq`). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  get boundarySeq(): number {
    return this.#boundarySeq;
  }

  /** An interviewer turn ended (completed or interrupted): what was accepted so far is in the conversation. */
  markTurnBoundary(): void {
    this.#boundarySeq = this.#lastSeq;
  }

  accept(seq: number, pcm: Uint8Array): AudioAccepted {
    if (seq <= this.#lastSeq) return { status: 'duplicate', gap: [] };
    this.#admit(seq, pcm.byteLength);
    return this.#apply(seq, pcm);
  }

  /** A batch (a POST /audio body), checked whole first: either all its new frames are accepted or none. */
  acceptBatch(frames: readonly { seq: number; pcm: Uint8Array }[]): AudioAccepted[] {
    let last = this.#lastSeq;
    let bytes = 0;
    for (const frame of frames) {
      if (frame.seq <= last) continue;
      if (frame.seq > last + MAX_AUDIO_SEQ_AHEAD) throw tooFarAhead(frame.seq);
      last = frame.seq;
      bytes += frame.pcm.byteLength;
    }
    if (bytes > 0) this.#admit(last, bytes);
    return frames.map((frame) =>
      frame.seq <= this.#lastSeq
        ? { status: 'duplicate' as const, gap: [] }
        : this.#apply(frame.seq, frame.pcm),
    );
  }

  /**
   * Refuses sequence numbers far past the cursor (they would turn every later frame into a "duplicate") and
   * audio beyond the budget, before anything is applied.
   */
  #admit(lastSeq: number, newBytes: number): void {
    if (lastSeq > this.#lastSeq + MAX_AUDIO_SEQ_AHEAD) throw tooFarAhead(lastSeq);
    if (!this.budget.take(newBytes)) {
      this.sink.overBudget(this.budget.refusedBytes);
      throw new ProtocolError('rate-limited', 'Audio arrives faster than real time; some was refused.', true);
    }
  }

  #apply(seq: number, pcm: Uint8Array): AudioAccepted {
    const gap: number[] = [];
    for (let missing = this.#lastSeq + 1; missing < seq && gap.length < 100; missing++) gap.push(missing);
    this.#lastSeq = seq;
    if (this.sink.flowing()) this.sink.forward(pcm);
    if (gap.length > 0) this.sink.gap(gap[0] ?? seq, seq - 1);
    return { status: 'accepted', gap };
  }
}

function tooFarAhead(seq: number): ProtocolError {
  return new ProtocolError('protocol', `audio sequence number ${seq} is too far ahead`);
}
