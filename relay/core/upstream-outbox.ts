import type { GeminiUpstream } from './gemini-upstream';
import { ResendLog } from './resend-log';

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

export interface OutboxLimits {
  maxQueuedAudioBytes: number;
  maxResendAudioBytes: number;
  turnEndHoldMs: number;
}

export interface OutboxEvents {
  /** Candidate audio reached the upstream socket, `waitedMs` after it was handed over. */
  audioSent?(waitedMs: number): void;
  /** Candidate audio dropped from the queue (it was full): bytes lost. */
  audioDropped?(bytes: number): void;
  /** Candidate audio no longer kept for a re-send (over its bound): lost if the upstream now resumes. */
  resendDropped?(bytes: number): void;
}

/**
 * Everything the upstream link sends to Gemini, in order, across connections. Sends go straight to the
 * connection when nothing waits; otherwise they queue: while there is no connection, and from a typed
 * answer or turn end until the handle of its reply (at most `turnEndHoldMs`), so that handle stands for
 * exactly what was sent up to it. What went out since the newest handle is kept, and a new connection (a
 * resume from that handle, which lacks it) gets it again first, then what waited.
 */
export class UpstreamOutbox {
  readonly #queue: SendList;
  readonly #sentSinceHandle: ResendLog;
  #target: GeminiUpstream | undefined;
  #hold: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly limits: OutboxLimits,
    private readonly events: OutboxEvents,
  ) {
    this.#queue = new SendList(limits.maxQueuedAudioBytes, (bytes) => events.audioDropped?.(bytes));
    this.#sentSinceHandle = new ResendLog(limits.maxResendAudioBytes, (bytes) =>
      events.resendDropped?.(bytes),
    );
  }

  send(item: UpstreamSend): void {
    if (this.#target && !this.#hold && this.#queue.length === 0) this.#transmit(this.#target, item, 0);
    else this.#queue.push(item);
  }

  /** A connection (resumed from the newest handle) is up: what was sent after that handle goes first. */
  connected(upstream: GeminiUpstream): void {
    this.#target = upstream;
    const resend = this.#sentSinceHandle.take();
    this.#queue.unshift(resend);
    this.#release(new Set(resend));
  }

  /** The connection is gone or being replaced: sends wait. */
  disconnected(): void {
    this.#target = undefined;
  }

  /**
   * A handle arrived. `coversSent`: it stands for what was sent before it (false for a handle that only
   * restates the state a connection began in). A hold for it ends.
   */
  handle(coversSent: boolean): void {
    if (coversSent) this.#sentSinceHandle.clear();
    this.#release();
  }

  clear(): void {
    clearTimeout(this.#hold);
    this.#hold = undefined;
    this.#target = undefined;
    this.#queue.take();
    this.#sentSinceHandle.clear();
  }

  /** `waitedMs`: how long it was held; undefined for a re-send (its wait was counted the first time). */
  #transmit(upstream: GeminiUpstream, item: UpstreamSend, waitedMs: number | undefined): void {
    if ('pcm' in item) {
      upstream.sendAudio(item.pcm);
      if (waitedMs !== undefined) this.events.audioSent?.(waitedMs);
    } else {
      item.action(upstream);
    }
    this.#sentSinceHandle.push(item);
    if ('endsTurn' in item && item.endsTurn) {
      clearTimeout(this.#hold);
      this.#hold = setTimeout(() => this.#release(), this.limits.turnEndHoldMs);
    }
  }

  /** Ends a hold and sends what waits, in order, until a turn end holds again. */
  #release(resent = new Set<UpstreamSend>()): void {
    clearTimeout(this.#hold);
    this.#hold = undefined;
    const upstream = this.#target;
    if (!upstream) return;
    const now = Date.now();
    while (!this.#hold) {
      const item = this.#queue.shift();
      if (!item) return;
      this.#transmit(upstream, item, resent.has(item) || !('pcm' in item) ? undefined : now - item.at);
    }
  }
}
