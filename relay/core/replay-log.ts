import { AUDIO_FRAME_HEADER_BYTES, AudioKind, writeAudioFrame } from '../protocol/audio-frame';
import type { OutboundFrame } from '../protocol/codec';
import type { ServerEvent } from '../protocol/messages';
import { ByteBlocks } from './byte-blocks';

/**
 * Every frame a session sends gets the next id and is kept here, so a client that comes back with the last
 * id it saw receives exactly what it missed, on either transport.
 *
 * Retention rule (docs/protocol.md, "Replay rule"): at most {@link REPLAY_MAX_EVENTS} frames are kept (past the cap
 * the oldest events go); interviewer audio is kept for the current interviewer turn only, and of that the last
 * {@link REPLAY_AUDIO_MS}. Audio older than that is skipped on replay: the client hears the rest of the
 * current turn, never a duplicate.
 */
/**
 * Sized by what a resume needs, not by the whole interview: a client that drops misses at most the rest of
 * the interviewer's current turn (Gemini says nothing more until the candidate answers, which a disconnected
 * candidate cannot), and interviewer turns are questions of a few seconds. Once the next turn's audio starts,
 * the turn before it was answered (or superseded): its audio goes (see {@link ReplayLog.turnEnded}). 20 s, the
 * bound for one long turn, is ~0.96 MB of 24 kHz PCM16 per session; it was 60 s across turns (2.9 MB).
 */
export const REPLAY_AUDIO_MS = 20_000;
export const REPLAY_MAX_EVENTS = 10_000;

const BYTES_PER_MS_24K = 48;

const EMPTY = new Uint8Array(0);
/** A kept audio frame, with the block its bytes are in (released when the frame is dropped). */
type KeptAudio = { id: number; audio: Uint8Array; wire: Uint8Array; block: number };
/** Dropped audio frames are compacted away once there are this many and they are half the array. */
const COMPACT_AFTER = 1024;

export class ReplayLog {
  #frames: OutboundFrame[] = [];
  #lastId = 0;
  /** Bytes of audio still kept. */
  #audioBytes = 0;
  /**
   * Audio frames at an index below this have aged out: each was replaced by a payload-free placeholder
   * (its id stays for the binary search), so trimming is O(1) per chunk instead of rebuilding the array.
   */
  #cut = 0;
  #dropped = 0;
  /** An interviewer turn ended: the next audio starts a new one, and the audio before it is no longer replayed. */
  #turnEnded = false;
  readonly #blocks = new ByteBlocks();

  /** `startAfterId`: a restored session continues the sequence past anything a client may hold. */
  constructor(
    startAfterId = 0,
    private readonly maxAudioBytes = REPLAY_AUDIO_MS * BYTES_PER_MS_24K,
  ) {
    this.#lastId = startAfterId;
  }

  get lastId(): number {
    return this.#lastId;
  }

  /** Moves the sequence past `id` (a restored session meeting a client that saw more than the checkpoint). */
  advanceTo(id: number): void {
    this.#lastId = Math.max(this.#lastId, id);
  }

  appendEvent(event: ServerEvent): OutboundFrame {
    const frame: OutboundFrame = { id: ++this.#lastId, event };
    this.#frames.push(frame);
    return frame;
  }

  /**
   * Interviewer audio: copied once, as its binary frame, into the log's shared blocks; the frame is what
   * every WebSocket send (live and replayed) and SSE event uses, and `audio` is a view into it.
   */
  appendAudio(pcm: Uint8Array): OutboundFrame {
    if (this.#turnEnded) {
      this.#turnEnded = false;
      this.#dropAudioBefore(this.#frames.length);
    }
    const id = this.#lastId + 1;
    const wire = this.#blocks.take(AUDIO_FRAME_HEADER_BYTES + pcm.byteLength);
    writeAudioFrame(wire, AudioKind.Interviewer, id, pcm);
    this.#lastId = id;
    const frame: KeptAudio = {
      id,
      audio: new Uint8Array(wire.buffer, wire.byteOffset + AUDIO_FRAME_HEADER_BYTES, pcm.byteLength),
      wire,
      block: this.#blocks.lastBlock,
    };
    this.#frames.push(frame);
    this.#audioBytes += pcm.byteLength;
    this.#ageOutAudio();
    if (this.#frames.length - this.#dropped > REPLAY_MAX_EVENTS) this.#dropOldestEvents();
    else if (this.#dropped > COMPACT_AFTER && this.#dropped * 2 > this.#frames.length) this.#compact();
    return frame;
  }

  /**
   * The interviewer's turn completed or was interrupted. Its audio stays replayable until the next turn's
   * first audio: a client that dropped before hearing the end of a question still hears it, while a question
   * the candidate has answered is not kept through the rest of the interview.
   */
  turnEnded(): void {
    this.#turnEnded = true;
  }

  /** Frames with an id above `lastSeen`, in order (audio that aged out is skipped). */
  since(lastSeen: number): OutboundFrame[] {
    if (lastSeen >= this.#lastId) return [];
    const frames = this.#frames;
    let lo = 0;
    let hi = frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((frames[mid] as OutboundFrame).id <= lastSeen) lo = mid + 1;
      else hi = mid;
    }
    const out: OutboundFrame[] = [];
    for (let i = lo; i < frames.length; i++) {
      const frame = frames[i] as OutboundFrame;
      if (i < this.#cut && 'audio' in frame) continue;
      out.push(frame);
    }
    return out;
  }

  /** Drops the oldest kept audio until what is kept fits the budget. Each frame is passed over once. */
  #ageOutAudio(): void {
    const frames = this.#frames;
    while (this.#audioBytes > this.maxAudioBytes) {
      let i = this.#cut;
      while (i < frames.length && !('audio' in (frames[i] as OutboundFrame))) i++;
      if (i >= frames.length) return;
      this.#dropAudioAt(i);
      this.#cut = i + 1;
    }
  }

  /** Every audio frame below index `end` ages out (a new interviewer turn began there). */
  #dropAudioBefore(end: number): void {
    for (let i = this.#cut; i < end; i++)
      if ('audio' in (this.#frames[i] as OutboundFrame)) this.#dropAudioAt(i);
    this.#cut = Math.max(this.#cut, end);
  }

  /**
   * Replaces the audio frame at `i` with a payload-free placeholder (its id stays for the binary search) and
   * releases its bytes: a frame the log drops is read by no one (downlinks copy or encode what they send).
   */
  #dropAudioAt(i: number): void {
    const old = this.#frames[i] as Partial<KeptAudio> & { id: number; audio: Uint8Array };
    if (old.audio === EMPTY) return;
    this.#audioBytes -= old.audio.byteLength;
    this.#frames[i] = { id: old.id, audio: EMPTY };
    this.#dropped += 1;
    if (old.block !== undefined) this.#blocks.release(old.block);
  }

  /** Past REPLAY_MAX_EVENTS kept frames the oldest events go (rare: a very long session). */
  #dropOldestEvents(): void {
    let drop = this.#frames.length - this.#dropped - REPLAY_MAX_EVENTS;
    const kept: OutboundFrame[] = [];
    this.#frames.forEach((frame, i) => {
      if ('audio' in frame) {
        if (i >= this.#cut) kept.push(frame);
      } else if (drop > 0) drop -= 1;
      else kept.push(frame);
    });
    this.#reset(kept);
  }

  #compact(): void {
    this.#reset(this.#frames.filter((frame, i) => !(i < this.#cut && 'audio' in frame)));
  }

  #reset(kept: OutboundFrame[]): void {
    this.#frames = kept;
    this.#cut = 0;
    this.#dropped = 0;
  }
}
