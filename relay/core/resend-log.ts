import { BLOCK_BYTES, newBlock, recycleBlock } from './byte-blocks';
import type { UpstreamSend } from './upstream-outbox';

const RELEASED = new Uint8Array(0);
/** Fields per kept audio frame in the flat bookkeeping array: block index, offset, length. */
const FIELDS = 3;
/** Released bookkeeping is compacted away once there are this many frames and they are half the array. */
const COMPACT_AFTER = 1024;

/**
 * What went to Gemini since its newest resumption handle, kept so a resumed connection gets it again, with
 * the candidate audio among it bounded: past `maxAudioBytes` the oldest audio goes (text and turn ends never
 * do), and `dropped` is told.
 *
 * A session keeps seconds of 20 ms frames here. Each frame is copied into shared 64 KB blocks (recycled once
 * no kept frame is in them: byte-blocks.ts says why) and noted as
 * three numbers in one flat array, so what is kept is a few objects per session, not three per frame
 * (an item, a view and the socket buffer it came in): those would live for seconds, be promoted to the old
 * generation and cost a full garbage collection about every second at 100 sessions. The items are only
 * rebuilt by {@link take}, for a re-send.
 */
export class ResendLog {
  #blocks: Uint8Array[] = [];
  /** Bytes used in the newest block. */
  #used = 0;
  /** Block index, offset and length of every kept frame, oldest first, from `#head` on. */
  #frames: number[] = [];
  #head = 0;
  /** Blocks below this index hold no kept frame any more and were let go. */
  #releasedBelow = 0;
  #audioBytes = 0;
  /** Messages other than audio, each sent after the frame count `after` (counted in `#frames`). */
  #actions: { after: number; item: UpstreamSend }[] = [];

  constructor(
    private readonly maxAudioBytes: number,
    private readonly dropped: (bytes: number) => void,
  ) {}

  push(item: UpstreamSend): void {
    if (!('pcm' in item)) {
      this.#actions.push({ after: this.#frames.length / FIELDS, item });
      return;
    }
    const n = item.pcm.byteLength;
    let block = this.#blocks[this.#blocks.length - 1];
    if (!block || this.#used + n > block.byteLength) {
      block = n > BLOCK_BYTES ? new Uint8Array(n) : newBlock();
      this.#blocks.push(block);
      this.#used = 0;
    }
    block.set(item.pcm, this.#used);
    this.#frames.push(this.#blocks.length - 1, this.#used, n);
    this.#used += n + (n & 1);
    this.#audioBytes += n;
    while (this.#audioBytes > this.maxAudioBytes && this.#head < this.#frames.length) this.#dropOldest();
  }

  /** Empties the log and returns what it held, oldest first, as items to send again. */
  take(): UpstreamSend[] {
    const out: UpstreamSend[] = [];
    const frames = this.#frames;
    let action = 0;
    const now = Date.now();
    for (let at = this.#head; at < frames.length; at += FIELDS) {
      const index = at / FIELDS;
      while (action < this.#actions.length && (this.#actions[action]?.after ?? 0) <= index)
        out.push((this.#actions[action++] as { item: UpstreamSend }).item);
      const block = this.#blocks[frames[at] as number] as Uint8Array;
      const offset = frames[at + 1] as number;
      out.push({ pcm: block.subarray(offset, offset + (frames[at + 2] as number)), at: now });
    }
    for (; action < this.#actions.length; action++)
      out.push((this.#actions[action] as { item: UpstreamSend }).item);
    // The items view these blocks (they are sent, maybe later): let them go, never recycle them.
    this.#forget();
    return out;
  }

  /**
   * Forgets everything (a handle now stands for it). Its blocks are recycled: nothing but the log reads them,
   * as views of them exist only after {@link take}, which lets its blocks go instead.
   */
  clear(): void {
    for (const block of this.#blocks) if (block !== RELEASED) recycleBlock(block);
    this.#forget();
  }

  #forget(): void {
    this.#blocks = [];
    this.#used = 0;
    this.#frames = [];
    this.#head = 0;
    this.#releasedBelow = 0;
    this.#audioBytes = 0;
    this.#actions = [];
  }

  #dropOldest(): void {
    const length = this.#frames[this.#head + 2] as number;
    this.#head += FIELDS;
    this.#audioBytes -= length;
    this.dropped(length);
    // Let go of the blocks no kept frame is in any more (the newest block stays: it is being filled).
    const oldestBlock =
      this.#head < this.#frames.length ? (this.#frames[this.#head] as number) : this.#blocks.length - 1;
    for (; this.#releasedBelow < oldestBlock; this.#releasedBelow++) {
      recycleBlock(this.#blocks[this.#releasedBelow] as Uint8Array);
      this.#blocks[this.#releasedBelow] = RELEASED;
    }
    const headFrames = this.#head / FIELDS;
    if (headFrames > COMPACT_AFTER && this.#head * 2 > this.#frames.length) this.#compact(headFrames);
  }

  /** Drops the bookkeeping of released frames and blocks; indices shift down. */
  #compact(headFrames: number): void {
    const firstBlock = this.#releasedBelow;
    const kept = this.#frames.slice(this.#head);
    for (let at = 0; at < kept.length; at += FIELDS) kept[at] = (kept[at] as number) - firstBlock;
    this.#frames = kept;
    this.#head = 0;
    this.#blocks = this.#blocks.slice(firstBlock);
    this.#releasedBelow = 0;
    this.#actions = this.#actions.map(({ after, item }) => ({
      after: Math.max(0, after - headFrames),
      item,
    }));
  }
}
