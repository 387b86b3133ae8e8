import type { ClientMessage, ErrorBody } from '../../../relay/protocol/index';
import {
  AudioKind,
  type BackoffPolicy,
  backoffDelay,
  closeCodeFor,
  concatBytes,
  encodeAudioFrame,
  encodeClientMessage,
  MAX_AUDIO_BATCH_BYTES,
} from '../../../relay/protocol/index';

/**
 * Candidate frames per `POST /audio` at most: two (40 ms of audio each). With the wait below, a frame waits at
 * most 40 ms and there are at most 25 POSTs a second (half the relay's per-session budget); the added uplink
 * latency stays near a WebSocket's (docs/benchmarks.md).
 */
export const SSE_BATCH_FRAMES = 2;
/** A partial batch waits at most this long (from its oldest frame) before it is posted anyway. */
export const SSE_BATCH_WAIT_MS = 40;
/** Retry delays for a failed POST: the shared backoff, doubling from 250 ms to 2 s with a little jitter. */
export const SSE_RETRY_POLICY: BackoffPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 2_000,
  multiplier: 2,
  jitter: 0.2,
};
/** Audio waiting to be posted is bounded like the session's resend buffer: 10 s, oldest dropped. */
export const SSE_UPLINK_MAX_FRAMES = 500;
/** Bodies up to this size are sent with `keepalive` (the browser's in-flight keepalive quota is 64 KiB). */
const KEEPALIVE_MAX_BYTES = 32 * 1024;

type UplinkItem =
  | { kind: 'audio'; bytes: Uint8Array<ArrayBuffer>; at: number }
  | { kind: 'message'; message: ClientMessage };

export interface SseUplinkOptions {
  /** `POST` target for `audio` or `messages` of this session. */
  endpoint(action: 'audio' | 'messages'): string;
  token: string;
  /** The relay refused for good (expired token, ended session, malformed batch): a WebSocket close code. */
  onFatal(code: number, reason: string): void;
}

/**
 * The SSE transport's uplink: candidate audio batched into `POST /audio` and control messages as
 * `POST /messages`, in one lane so they reach the relay in the order they were sent (an `audio-end` never
 * overtakes the audio before it). One request in flight at a time; a failed request is retried with the same
 * frames first (the relay ignores sequence numbers it already has).
 */
export class SseUplink {
  #queue: UplinkItem[] = [];
  #inFlight = false;
  /** A partial batch waiting for more frames. */
  #batchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Backing off after a failed request: nothing is sent until it fires. */
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Failed requests in a row: the backoff attempt. */
  #failures = 0;
  #closed = false;
  readonly #aborter = new AbortController();

  constructor(private readonly options: SseUplinkOptions) {}

  set token(token: string) {
    this.options.token = token;
  }

  audio(seq: number, pcm: Uint8Array): void {
    // encodeAudioFrame allocates a fresh ArrayBuffer-backed array; its declared type is wider.
    const bytes = encodeAudioFrame(AudioKind.Candidate, seq, pcm) as Uint8Array<ArrayBuffer>;
    this.#queue.push({ kind: 'audio', bytes, at: performance.now() });
    let frames = this.#queue.filter((item) => item.kind === 'audio').length;
    while (frames-- > SSE_UPLINK_MAX_FRAMES) {
      const oldest = this.#queue.findIndex((item) => item.kind === 'audio');
      this.#queue.splice(oldest, 1);
    }
    this.#pump();
  }

  message(message: ClientMessage): void {
    this.#queue.push({ kind: 'message', message });
    this.#pump();
  }

  close(): void {
    this.#closed = true;
    this.#queue = [];
    clearTimeout(this.#batchTimer);
    clearTimeout(this.#retryTimer);
    this.#aborter.abort();
  }

  /** Sends the next request if none is in flight and the head of the queue is due. */
  #pump(): void {
    if (this.#closed || this.#inFlight || this.#retryTimer !== undefined || this.#queue.length === 0) return;
    const head = this.#queue[0] as UplinkItem;
    if (head.kind === 'message') {
      void this.#post([head], 'messages', encodeClientMessage(head.message), 'application/json');
      return;
    }
    const batch = this.#audioBatch();
    const due = (batch[0] as { at: number }).at + SSE_BATCH_WAIT_MS - performance.now();
    const more = this.#queue.length > batch.length; // a message waits behind, or the batch is full
    if (batch.length < SSE_BATCH_FRAMES && !more && due > 0) {
      this.#batchTimer ??= setTimeout(() => {
        this.#batchTimer = undefined;
        this.#pump();
      }, due);
      return;
    }
    clearTimeout(this.#batchTimer);
    this.#batchTimer = undefined;
    const body = concatBytes(batch.map((item) => item.bytes));
    void this.#post(batch, 'audio', body, 'application/octet-stream');
  }

  /** The audio frames at the head of the queue, as many as fit one body (a backlog drains in few POSTs). */
  #audioBatch(): Extract<UplinkItem, { kind: 'audio' }>[] {
    const batch: Extract<UplinkItem, { kind: 'audio' }>[] = [];
    let bytes = 0;
    for (const item of this.#queue) {
      if (item.kind !== 'audio' || bytes + item.bytes.byteLength > MAX_AUDIO_BATCH_BYTES) break;
      batch.push(item);
      bytes += item.bytes.byteLength;
    }
    return batch;
  }

  async #post(
    items: UplinkItem[],
    action: 'audio' | 'messages',
    body: string | Uint8Array<ArrayBuffer>,
    contentType: string,
  ): Promise<void> {
    this.#inFlight = true;
    const size = typeof body === 'string' ? body.length : body.byteLength;
    let delivered = false;
    try {
      // Looked up on every call (not captured at load), like RelayApi: pages and tests may wrap fetch.
      const response = await fetch(this.options.endpoint(action), {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': contentType },
        body,
        keepalive: size <= KEEPALIVE_MAX_BYTES,
        signal: this.#aborter.signal,
      });
      delivered = response.ok || (await this.#refusedForGood(response));
    } catch {
      // Network failure: the request may or may not have arrived. Audio is idempotent; a typed answer is not,
      // so it is sent at most once (as on a WebSocket that drops while sending it).
      delivered = items.some((item) => item.kind === 'message' && item.message.type === 'text');
    }
    this.#inFlight = false;
    if (this.#closed) return;
    if (delivered) {
      const sent = new Set(items);
      this.#queue = this.#queue.filter((item) => !sent.has(item));
      this.#failures = 0;
      this.#pump();
      return;
    }
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = undefined;
        this.#pump();
      },
      backoffDelay(this.#failures++, SSE_RETRY_POLICY),
    );
  }

  /** A non-retryable answer from the relay ends the transport; anything else (a proxy's page) is retried. */
  async #refusedForGood(response: Response): Promise<boolean> {
    let body: Partial<ErrorBody> | undefined;
    try {
      body = (await response.json()) as Partial<ErrorBody>;
    } catch {
      return false;
    }
    const error = body?.error;
    if (!error || typeof error.code !== 'string' || error.retryable !== false) return false;
    this.close();
    this.options.onFatal(closeCodeFor(error.code), error.message);
    return true;
  }
}
