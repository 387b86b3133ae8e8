/**
 * Append-only byte storage in shared 64 KB blocks that are recycled: many small pieces kept for a while (the
 * replay log's audio frames, ~2 KB each; the re-send log's 20 ms frames) become a few blocks, and a block
 * whose every piece was released goes back to a process-wide spare list instead of to the garbage collector.
 *
 * Why recycle: V8 counts ArrayBuffer memory allocated since the last full collection against the old
 * generation's limit. At 100 live sessions the logs allocated ~8 MB of blocks a second, each kept for seconds,
 * and full collections followed. Recycled blocks are allocated once: in an interview at 100 sessions full
 * collections halved (28–29 → 14 per 22 s) and relay CPU fell ~10 % (docs/benchmarks.md, fourth pass). A
 * young session, whose blocks are all still kept, gains nothing.
 *
 * The rule that makes reuse safe: a piece is released only when nothing can still read it. The logs release
 * a piece when they drop it, and nothing else keeps a view past the call it was handed to: both WebSocket
 * downlinks copy what they send (`ws` and workerd both read a view only when they transmit), and SSE encodes
 * it to text at once.
 */
export const BLOCK_BYTES = 64 * 1024;
/** Pieces larger than this get their own allocation (a block would waste too much of its tail). */
const OWN_ALLOCATION_OVER = BLOCK_BYTES / 4;
/** Spare blocks kept for reuse, shared by every log in the process: at most this many (8 MB). */
const SPARE_MAX = 128;
const spare: Uint8Array[] = [];

/** A block of BLOCK_BYTES, a spare one when there is one. Its old bytes stay: callers overwrite what they use. */
export function newBlock(): Uint8Array {
  return spare.pop() ?? new Uint8Array(BLOCK_BYTES);
}

/** Hands back a block no view of which is read any more: its bytes will be overwritten. */
export function recycleBlock(block: Uint8Array): void {
  if (block.byteLength === BLOCK_BYTES && spare.length < SPARE_MAX) spare.push(block);
}

/** How many blocks are spare (for tests and the bench). */
export function spareBlockCount(): number {
  return spare.length;
}

/** No block: the piece had its own allocation and is not counted. */
export const OWN_BLOCK = -1;

export class ByteBlocks {
  /** Each block in use, by number, with how many of its pieces are still live. */
  readonly #blocks = new Map<number, { bytes: Uint8Array; live: number }>();
  #current = OWN_BLOCK;
  #next = 0;
  #used = BLOCK_BYTES;
  /** The block the last {@link take} came from ({@link OWN_BLOCK} for a piece with its own allocation). */
  lastBlock = OWN_BLOCK;

  /** A view of `n` bytes whose contents are stale: the caller writes all of it. Pair with {@link release}. */
  take(n: number): Uint8Array {
    if (n > OWN_ALLOCATION_OVER) {
      this.lastBlock = OWN_BLOCK;
      return new Uint8Array(n);
    }
    if (this.#used + n > BLOCK_BYTES) this.#startBlock();
    const entry = this.#blocks.get(this.#current) as { bytes: Uint8Array; live: number };
    entry.live += 1;
    const piece = new Uint8Array(entry.bytes.buffer, entry.bytes.byteOffset + this.#used, n);
    // Keeps every piece 2-byte aligned, so its PCM can be viewed as an Int16Array in place.
    this.#used += n + (n & 1);
    this.lastBlock = this.#current;
    return piece;
  }

  /** One piece taken from `block` is no longer read anywhere; its block is recycled once all are. */
  release(block: number): void {
    const entry = this.#blocks.get(block);
    if (!entry) return;
    entry.live -= 1;
    if (entry.live <= 0 && block !== this.#current) {
      this.#blocks.delete(block);
      recycleBlock(entry.bytes);
    }
  }

  #startBlock(): void {
    const previous = this.#blocks.get(this.#current);
    if (previous && previous.live <= 0) {
      this.#blocks.delete(this.#current);
      recycleBlock(previous.bytes);
    }
    this.#current = this.#next++;
    this.#blocks.set(this.#current, { bytes: newBlock(), live: 0 });
    this.#used = 0;
  }
}
