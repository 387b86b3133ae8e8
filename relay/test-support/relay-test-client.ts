/**
 * A protocol-level client for tests: creates a session over HTTP, then talks to it over WebSocket or
 * SSE + POST, recording everything the relay sends. Runtime-agnostic on the server side: the conformance
 * suite points it at the Node relay and at the Worker alike.
 */
import { WebSocket } from 'ws';
import {
  type AudioBatchResponse,
  AudioKind,
  type ClientMessage,
  type CreateSessionResponse,
  concatBytes,
  decodeSseMessage,
  decodeWebSocketMessage,
  encodeAudioFrame,
  encodeClientMessage,
  type SequencedEvent,
} from '../protocol/index';

export interface HttpRecord {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Everything a client could see, for secret-leak assertions. */
export const clientVisible: string[] = [];

/**
 * A request on a pooled keep-alive connection the server had just closed (workerd closes a connection after
 * refusing a malformed request, and the client may pick the socket before it sees the FIN) fails before any
 * response byte with "other side closed". Browsers retry a request on a reused socket in exactly that case;
 * this client does too, once. Any other failure, or a second one, is the test's.
 */
async function fetchOnFreshSocketIfStale(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: unknown; token?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<HttpRecord> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.origin) headers.origin = init.origin;
  let body: BodyInit | undefined;
  if (init.body instanceof Uint8Array) {
    body = new Uint8Array(init.body);
    headers['content-type'] ??= 'application/octet-stream';
  } else if (typeof init.body === 'string') {
    body = init.body;
    headers['content-type'] ??= 'application/json';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetchOnFreshSocketIfStale(new URL(path, baseUrl), { method, headers, body });
  const record: HttpRecord = {
    method,
    path,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
  clientVisible.push(JSON.stringify(record));
  return record;
}

export type Received =
  | { kind: 'event'; event: SequencedEvent }
  | { kind: 'audio'; id: number; pcm: Uint8Array };

export class RelayTestClient {
  readonly received: Received[] = [];
  closeInfo: { code: number; reason: string } | undefined;
  /** Called with everything received, as it arrives (e.g. to timestamp notices). */
  onReceived: ((item: Received) => void) | undefined;
  #waiters: (() => void)[] = [];
  #ws: WebSocket | undefined;
  #sse: AbortController | undefined;
  #audioSeq = 0;

  private constructor(
    readonly baseUrl: string,
    public session: CreateSessionResponse,
    readonly origin: string | undefined,
  ) {}

  /** A client for an existing session (e.g. one moved to another relay instance). */
  static forSession(baseUrl: string, session: CreateSessionResponse, origin?: string): RelayTestClient {
    return new RelayTestClient(baseUrl, session, origin);
  }

  static async create(
    baseUrl: string,
    interview = 'frontend-mid',
    options: { origin?: string; variables?: Record<string, string> } = {},
  ): Promise<RelayTestClient> {
    const answer = await request(baseUrl, 'POST', '/v1/sessions', {
      body: { interview, ...(options.variables ? { variables: options.variables } : {}) },
      ...(options.origin ? { origin: options.origin } : {}),
    });
    if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.body}`);
    return new RelayTestClient(baseUrl, JSON.parse(answer.body) as CreateSessionResponse, options.origin);
  }

  get events(): SequencedEvent[] {
    return this.received.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
  }

  /** Interviewer audio received, in order, concatenated. */
  audioBytes(): Uint8Array {
    return concatBytes(this.received.flatMap((item) => (item.kind === 'audio' ? [item.pcm] : [])));
  }

  /** Highest sequenced id seen: what a resuming client sends as lastEventId. */
  get lastEventId(): number {
    return this.received.reduce((max, item) => {
      const id = item.kind === 'event' ? item.event.id : item.id;
      return Math.max(max, id);
    }, 0);
  }

  finalTurns(): { role: string; text: string }[] {
    return this.events.flatMap((event) =>
      event.type === 'transcript' && event.final ? [{ role: event.role, text: event.text }] : [],
    );
  }

  async connectWebSocket(
    options: { lastEventId?: number; token?: string; origin?: string } = {},
  ): Promise<void> {
    const url = new URL(`/v1/sessions/${this.session.sessionId}/ws`, this.baseUrl.replace(/^http/, 'ws'));
    url.searchParams.set('token', options.token ?? this.session.token);
    if (options.lastEventId) url.searchParams.set('lastEventId', String(options.lastEventId));
    const origin = options.origin ?? this.origin;
    const ws = new WebSocket(url, origin ? { headers: { origin } } : {});
    this.#ws = ws;
    this.closeInfo = undefined;
    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer;
      if (!isBinary) clientVisible.push(bytes.toString('utf8'));
      this.#record(decodeWebSocketMessage(isBinary ? new Uint8Array(bytes) : bytes.toString('utf8')));
    });
    ws.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString('utf8') };
      clientVisible.push(this.closeInfo.reason);
      this.#wake();
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  /** Opens the SSE stream (fetch-based so tests can set Last-Event-ID and Origin). */
  async connectSse(options: { lastEventId?: number; token?: string } = {}): Promise<void> {
    const url = new URL(`/v1/sessions/${this.session.sessionId}/events`, this.baseUrl);
    url.searchParams.set('token', options.token ?? this.session.token);
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.lastEventId) headers['last-event-id'] = String(options.lastEventId);
    if (this.origin) headers.origin = this.origin;
    const abort = new AbortController();
    this.#sse = abort;
    this.closeInfo = undefined;
    const response = await fetch(url, { headers, signal: abort.signal });
    if (!response.ok || !response.body)
      throw new Error(`SSE failed: ${response.status} ${await response.text()}`);
    void this.#readSse(response.body).catch(() => {});
  }

  async #readSse(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) {
            if (event !== 'audio') clientVisible.push(data.join('\n'));
            this.#record(decodeSseMessage(event, data.join('\n')));
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } finally {
      this.closeInfo ??= { code: 1000, reason: 'stream ended' };
      this.#wake();
    }
  }

  /** Sends candidate audio as one frame with the next sequence number (or the one given). */
  sendAudio(pcm: Uint8Array, seq = ++this.#audioSeq): void {
    this.#audioSeq = Math.max(this.#audioSeq, seq);
    this.#socket().send(encodeAudioFrame(AudioKind.Candidate, seq, pcm));
  }

  sendRaw(data: string | Uint8Array): void {
    this.#socket().send(data);
  }

  sendMessage(message: ClientMessage): void {
    this.#socket().send(encodeClientMessage(message));
  }

  /** SSE uplink: one POST with frames [seq, pcm]. */
  async postAudio(frames: [number, Uint8Array][]): Promise<AudioBatchResponse & { status: number }> {
    const body = concatBytes(frames.map(([seq, pcm]) => encodeAudioFrame(AudioKind.Candidate, seq, pcm)));
    const answer = await request(this.baseUrl, 'POST', `/v1/sessions/${this.session.sessionId}/audio`, {
      body: new Uint8Array(body),
      token: this.session.token,
      ...(this.origin ? { origin: this.origin } : {}),
    });
    return { status: answer.status, ...(JSON.parse(answer.body) as AudioBatchResponse) };
  }

  async postMessage(message: ClientMessage | string): Promise<HttpRecord> {
    return request(this.baseUrl, 'POST', `/v1/sessions/${this.session.sessionId}/messages`, {
      body: typeof message === 'string' ? message : encodeClientMessage(message),
      token: this.session.token,
      ...(this.origin ? { origin: this.origin } : {}),
    });
  }

  /** Resolves when `predicate` holds, re-checked on every frame and close; rejects after `timeoutMs`. */
  waitFor(predicate: (client: RelayTestClient) => boolean, label: string, timeoutMs = 15_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== check);
        reject(new Error(`timed out waiting for ${label}; got ${JSON.stringify(this.events.slice(-5))}`));
      }, timeoutMs);
      const check = (): void => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((waiter) => waiter !== check);
        resolve();
      };
      this.#waiters.push(check);
    });
  }

  waitForEvent(type: SequencedEvent['type'], count = 1): Promise<void> {
    return this.waitFor((c) => c.events.filter((e) => e.type === type).length >= count, `${count}x ${type}`);
  }

  waitForClose(): Promise<void> {
    return this.waitFor((c) => c.closeInfo !== undefined, 'close');
  }

  /** Drops the connection abruptly (no close handshake), like a network blip. */
  drop(): void {
    this.#ws?.terminate();
    this.#sse?.abort();
  }

  close(): void {
    this.#ws?.close();
    this.#sse?.abort();
  }

  #socket(): WebSocket {
    if (!this.#ws) throw new Error('not connected over WebSocket');
    return this.#ws;
  }

  #record(item: Received): void {
    this.received.push(item);
    this.onReceived?.(item);
    this.#wake();
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
