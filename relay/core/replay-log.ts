import type { OutboundFrame } from '../protocol/codec';
import type { ServerEvent } from '../protocol/messages';

/**
 * Every frame a session sends gets the next id and is kept here, so a client that comes back with the last
 * id it saw receives exactly what it missed, on either transport.
 *
 * Retention rule (docs/protocol.md, "Replay rule"): at most {@link REPLAY_MAX_EVENTS} frames are kept (past the cap
 * the oldest events go); interviewer audio is kept for the last
 * {@link REPLAY_AUDIO_MS} of audio. Audio older than that is skipped on replay: the client hears the rest of
 * the current answer, never a duplicate.
 */
/**
 * Sized by what a resume needs, not by the whole interview: a client that drops misses at most the rest of
 * the interviewer's current turn (Gemini says nothing more until the candidate answers, which a disconnected
 * candidate cannot), and interviewer turns are questions of a few seconds. 20 s is ~0.96 MB of 24 kHz PCM16
 * per session; it was 60 s (2.9 MB), which made the replay buffer most of a session's memory.
 */
export const REPLAY_AUDIO_MS = 20_000;
export const REPLAY_MAX_EVENTS = 10_000;

const BYTES_PER_MS_24K = 48;

export class ReplayLog {
  #frames: OutboundFrame[] = [];
  #lastId = 0;
  #audioBytes = 0;

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
    return this.#push({ id: ++this.#lastId, event });
  }

  appendAudio(pcm: Uint8Array): OutboundFrame {
    this.#audioBytes += pcm.byteLength;
    const frame = this.#push({ id: ++this.#lastId, audio: pcm });
    this.#trim();
    return frame;
  }

  /** Frames with an id above `lastSeen`, in order (audio that aged out is skipped). */
  since(lastSeen: number): OutboundFrame[] {
    if (lastSeen >= this.#lastId) return [];
    let lo = 0;
    let hi = this.#frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#frames[mid] as OutboundFrame).id <= lastSeen) lo = mid + 1;
      else hi = mid;
    }
    return this.#frames.slice(lo);
  }

  #push(frame: OutboundFrame): OutboundFrame {
    this.#frames.push(frame);
    return frame;
  }

  #trim(): void {
    if (this.#audioBytes <= this.maxAudioBytes && this.#frames.length <= REPLAY_MAX_EVENTS) return;
    const kept: OutboundFrame[] = [];
    let excess = this.#audioBytes - this.maxAudioBytes;
    let drop = this.#frames.length - REPLAY_MAX_EVENTS;
    for (const frame of this.#frames) {
      if ('audio' in frame && excess > 0) {
        excess -= frame.audio.byteLength;
        this.#audioBytes -= frame.audio.byteLength;
        continue;
      }
      if (drop > 0 && !('audio' in frame)) {
        drop -= 1;
        continue;
      }
      kept.push(frame);
    }
    this.#frames = kept;
  }
}
