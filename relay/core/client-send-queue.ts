/**
 * Backpressure toward a slow client: while the socket's own send buffer holds more than
 * {@link CLIENT_BUFFER_HIGH_BYTES}, frames wait here instead of piling up in it. Events are never dropped;
 * interviewer audio beyond {@link CLIENT_QUEUE_MAX_AUDIO_BYTES} is, oldest first, and every drop is
 * reported (the replay log still has it: a client that reconnects gets what it missed).
 */
export const CLIENT_BUFFER_HIGH_BYTES = 512 * 1024;
/** 10 s of 24 kHz PCM16. */
export const CLIENT_QUEUE_MAX_AUDIO_BYTES = 480_000;
/** How often a non-empty queue looks at the socket buffer again. */
export const CLIENT_QUEUE_RETRY_MS = 50;

type Item = { data: string | Uint8Array; audioBytes: number };

export class ClientSendQueue {
  #pending: Item[] = [];
  #audioBytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (data: string | Uint8Array) => void,
    /** Bytes the platform socket has not written yet (0 where the platform cannot tell). */
    private readonly buffered: () => number,
    private readonly dropped: (audioBytes: number) => void,
  ) {}

  /** Sends now, or queues behind what is waiting. `audioBytes` > 0 marks an audio frame (droppable). */
  push(data: string | Uint8Array, audioBytes = 0): void {
    if (this.#pending.length === 0 && this.buffered() < CLIENT_BUFFER_HIGH_BYTES) {
      this.send(data);
      return;
    }
    this.#pending.push({ data, audioBytes });
    this.#audioBytes += audioBytes;
    while (this.#audioBytes > CLIENT_QUEUE_MAX_AUDIO_BYTES) {
      const oldest = this.#pending.findIndex((item) => item.audioBytes > 0);
      const [gone] = this.#pending.splice(oldest, 1);
      this.#audioBytes -= gone?.audioBytes ?? 0;
      this.dropped(gone?.audioBytes ?? 0);
    }
    this.#schedule();
  }

  /** Frames waiting for the socket. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Sends what the socket has room for; called by the retry timer (and by tests). */
  flush(): void {
    this.#timer = undefined;
    while (this.#pending.length > 0 && this.buffered() < CLIENT_BUFFER_HIGH_BYTES) {
      const item = this.#pending.shift() as Item;
      this.#audioBytes -= item.audioBytes;
      this.send(item.data);
    }
    this.#schedule();
  }

  /** Before a close: hands everything waiting to the socket (the closing events must arrive). */
  sendAll(): void {
    for (const item of this.#pending.splice(0)) this.send(item.data);
    this.close();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
    this.#audioBytes = 0;
  }

  #schedule(): void {
    if (this.#pending.length > 0 && this.#timer === undefined)
      this.#timer = setTimeout(() => this.flush(), CLIENT_QUEUE_RETRY_MS);
  }
}
