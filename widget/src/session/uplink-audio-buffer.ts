/** A numbered frame of candidate audio (PCM16 bytes). */
export interface UplinkFrame {
  seq: number;
  pcm: Uint8Array;
}

/**
 * Candidate audio frames, numbered from 1 (one counter per session), kept until the relay has acknowledged
 * them in a `ready` event so they can be resent after a reconnect. Bounded: beyond `capacity` frames the
 * oldest are dropped (stale audio is worth less than fresh audio).
 */
export class UplinkAudioBuffer {
  #frames: UplinkFrame[] = [];
  #nextSeq = 1;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#frames.length;
  }

  /** Numbers and keeps a frame; returns it. */
  push(pcm: Uint8Array): UplinkFrame {
    const frame = { seq: this.#nextSeq++, pcm };
    this.#frames.push(frame);
    if (this.#frames.length > this.capacity) this.#frames.splice(0, this.#frames.length - this.capacity);
    return frame;
  }

  /** Forgets every frame the relay has accepted and returns the rest, oldest first. */
  acknowledge(lastAcceptedSeq: number): readonly UplinkFrame[] {
    this.#frames = this.#frames.filter((frame) => frame.seq > lastAcceptedSeq);
    return this.#frames;
  }
}
