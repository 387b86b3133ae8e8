import type { GeminiUpstream } from './gemini-upstream';

/**
 * One message toward Gemini as the upstream link holds it: candidate audio (with when it was handed over),
 * or a text or turn end. `endsTurn`: Gemini answers it with a turn, and the handle after that turn stands
 * for the conversation up to this message.
 */
export type UpstreamSend =
  | { pcm: Uint8Array; at: number }
  | { action: (upstream: GeminiUpstream) => void; endsTurn: boolean };

/**
 * Messages in the order they go to Gemini, with the candidate audio among them bounded: past
 * `maxAudioBytes` the oldest audio goes first (text and turn ends never do), and `dropped` is told.
 */
export class SendList {
  #items: UpstreamSend[] = [];
  #audioBytes = 0;

  constructor(
    private readonly maxAudioBytes: number,
    private readonly dropped: (bytes: number) => void,
  ) {}

  get length(): number {
    return this.#items.length;
  }

  push(item: UpstreamSend): void {
    this.#items.push(item);
    if (!('pcm' in item)) return;
    this.#audioBytes += item.pcm.byteLength;
    while (this.#audioBytes > this.maxAudioBytes) {
      const index = this.#items.findIndex((entry) => 'pcm' in entry);
      const oldest = this.#items[index];
      if (!oldest || !('pcm' in oldest)) break;
      this.#items.splice(index, 1);
      this.#audioBytes -= oldest.pcm.byteLength;
      this.dropped(oldest.pcm.byteLength);
    }
  }

  /** Puts messages back in front, as they were (they were bounded when first added). */
  unshift(items: UpstreamSend[]): void {
    this.#items.unshift(...items);
    for (const item of items) if ('pcm' in item) this.#audioBytes += item.pcm.byteLength;
  }

  shift(): UpstreamSend | undefined {
    const item = this.#items.shift();
    if (item && 'pcm' in item) this.#audioBytes -= item.pcm.byteLength;
    return item;
  }

  /** Empties the list and returns what it held, oldest first. */
  take(): UpstreamSend[] {
    const items = this.#items;
    this.#items = [];
    this.#audioBytes = 0;
    return items;
  }
}
