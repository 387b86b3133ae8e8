/**
 * Append-only byte storage in shared blocks: many small pieces kept for a while (the replay log's audio
 * frames, ~2 KB each, ~500 per session) become a few 64 KB allocations instead of one allocation each. A
 * block is freed by the garbage collector once no piece taken from it is referenced any more; pieces are
 * never overwritten, so a view handed to a socket stays valid while it is being written.
 */
export const BLOCK_BYTES = 64 * 1024;
/** Pieces larger than this get their own allocation (a block would waste too much of its tail). */
const OWN_ALLOCATION_OVER = BLOCK_BYTES / 4;

export class ByteBlocks {
  #block: Uint8Array | undefined;
  #used = 0;

  /** A fresh zero-filled view of `n` bytes. */
  take(n: number): Uint8Array {
    if (n > OWN_ALLOCATION_OVER) return new Uint8Array(n);
    if (!this.#block || this.#used + n > BLOCK_BYTES) {
      this.#block = new Uint8Array(BLOCK_BYTES);
      this.#used = 0;
    }
    const piece = this.#block.subarray(this.#used, this.#used + n);
    // Keeps every piece 2-byte aligned, so its PCM can be viewed as an Int16Array in place.
    this.#used += n + (n & 1);
    return piece;
  }
}
