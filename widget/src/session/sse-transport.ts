import type { ClientMessage, InboundFrame, SequencedEvent } from '../../../relay/protocol/index';
import { CloseCode, decodeSseMessage, SSE_AUDIO_EVENT } from '../../../relay/protocol/index';
import { SseUplink } from './sse-uplink';
import {
  type Transport,
  TransportConnectError,
  type TransportConnectOptions,
  type TransportHandlers,
} from './transport';

/** What a browser reports for a connection that ended without a close frame. */
const ABNORMAL_CLOSE = 1006;

/**
 * Every SSE `event:` name the relay uses (the protocol's event types, and `audio`). The record makes the
 * compiler list a new event type here. `error` is listened to apart: EventSource fires its own `error` too.
 */
const SSE_EVENT_NAMES: Record<Exclude<SequencedEvent['type'], 'error'>, true> = {
  ready: true,
  heartbeat: true,
  transcript: true,
  progress: true,
  interrupted: true,
  'turn-complete': true,
  notice: true,
  'continuation-offer': true,
  report: true,
  ended: true,
};

function sessionEndpoint(options: TransportConnectOptions, action: string): URL {
  const base = options.relayUrl.endsWith('/') ? options.relayUrl : `${options.relayUrl}/`;
  return new URL(`v1/sessions/${encodeURIComponent(options.sessionId)}/${action}`, base);
}

/** `GET {relay}/v1/sessions/{id}/events?token=T[&lastEventId=N]`. */
export function sseUrl(options: TransportConnectOptions): string {
  const url = sessionEndpoint(options, 'events');
  url.searchParams.set('token', options.token);
  if (options.lastEventId > 0) url.searchParams.set('lastEventId', String(options.lastEventId));
  return url.href;
}

/**
 * The protocol over SSE + POST, for networks that break WebSockets. Downlink: one EventSource (events as
 * JSON, audio as base64 frames). Uplink: {@link SseUplink}. EventSource's own reconnect is not used: any
 * interruption is reported as a close (1006) and the session reconnects with fresh credentials and
 * `lastEventId`, as on a WebSocket.
 */
export class SseTransport implements Transport {
  readonly kind = 'sse';
  #source: EventSource | undefined;
  #uplink: SseUplink | undefined;
  #receivedData = false;
  #closed = false;

  connect(options: TransportConnectOptions, handlers: TransportHandlers): Promise<void> {
    const source = new EventSource(sseUrl(options));
    this.#source = source;
    this.#uplink = new SseUplink({
      endpoint: (action) => sessionEndpoint(options, action).href,
      token: options.token,
      onFatal: (code, reason) => this.#lost(handlers, code, reason),
    });
    return new Promise<void>((resolve, reject) => {
      let open = false;
      const settle = () => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      };
      const fail = (failure: 'refused' | 'timeout' | 'aborted') => {
        settle();
        this.close();
        reject(new TransportConnectError('sse', failure));
      };
      const onAbort = () => fail('aborted');
      const timer = setTimeout(() => fail('timeout'), options.connectTimeoutMs);
      options.signal.addEventListener('abort', onAbort, { once: true });
      source.onopen = () => {
        open = true;
        settle();
        resolve();
      };
      const onMessage = (event: MessageEvent<string>) => {
        if (this.#closed) return;
        this.#receivedData = true;
        let frame: InboundFrame;
        try {
          frame = decodeSseMessage(event.type, event.data);
        } catch (error) {
          this.#lost(handlers, CloseCode.BadRequest, error instanceof Error ? error.message : 'bad event');
          return;
        }
        handlers.onFrame(frame);
      };
      for (const name of [...Object.keys(SSE_EVENT_NAMES), SSE_AUDIO_EVENT]) {
        source.addEventListener(name, onMessage);
      }
      source.addEventListener('error', (event: Event) => {
        if (event instanceof MessageEvent) onMessage(event as MessageEvent<string>);
        else if (!open) fail('refused');
        else this.#lost(handlers, ABNORMAL_CLOSE, 'event stream interrupted');
      });
    });
  }

  sendAudio(seq: number, pcm: Uint8Array): void {
    if (!this.#closed) this.#uplink?.audio(seq, pcm);
  }

  sendMessage(message: ClientMessage): void {
    if (!this.#closed) this.#uplink?.message(message);
  }

  updateToken(token: string): void {
    if (this.#uplink) this.#uplink.token = token;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#source?.close();
    this.#uplink?.close();
  }

  /** The downlink ended (or the relay refused a POST for good) without the session closing it. */
  #lost(handlers: TransportHandlers, code: number, reason: string): void {
    if (this.#closed) return;
    this.close();
    handlers.onClose({ code, reason, receivedData: this.#receivedData });
  }
}
