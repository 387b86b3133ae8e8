import type { ClientMessage, InboundFrame } from '../../../relay/protocol/index';
import {
  AudioKind,
  CloseCode,
  decodeWebSocketMessage,
  encodeAudioFrame,
  encodeClientMessage,
  frameAroundPayload,
} from '../../../relay/protocol/index';
import {
  type Transport,
  TransportConnectError,
  type TransportConnectOptions,
  type TransportHandlers,
} from './transport';

/** `GET {relay}/v1/sessions/{id}/ws?token=T[&lastEventId=N]` with http(s) swapped for ws(s). */
export function webSocketUrl(options: TransportConnectOptions): string {
  const base = options.relayUrl.endsWith('/') ? options.relayUrl : `${options.relayUrl}/`;
  const url = new URL(`v1/sessions/${encodeURIComponent(options.sessionId)}/ws`, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', options.token);
  if (options.lastEventId > 0) url.searchParams.set('lastEventId', String(options.lastEventId));
  return url.href;
}

/** The protocol over one WebSocket: JSON text events and binary audio frames, both ways. */
export class WebSocketTransport implements Transport {
  readonly kind = 'websocket';
  #socket: WebSocket | undefined;
  #receivedData = false;
  #closedByUs = false;

  connect(options: TransportConnectOptions, handlers: TransportHandlers): Promise<void> {
    const socket = new WebSocket(webSocketUrl(options));
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    return new Promise<void>((resolve, reject) => {
      let open = false;
      const fail = (failure: 'refused' | 'timeout' | 'aborted', code?: number) => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.close();
        reject(new TransportConnectError('websocket', failure, code));
      };
      const onAbort = () => fail('aborted');
      const timer = setTimeout(() => fail('timeout'), options.connectTimeoutMs);
      options.signal.addEventListener('abort', onAbort, { once: true });
      socket.onopen = () => {
        open = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        resolve();
      };
      socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
        this.#receivedData = true;
        let frame: InboundFrame;
        try {
          frame = decodeWebSocketMessage(event.data);
        } catch (error) {
          const reason = error instanceof Error ? error.message : 'bad frame';
          this.close(CloseCode.BadRequest, reason);
          handlers.onClose({ code: CloseCode.BadRequest, reason, receivedData: true });
          return;
        }
        handlers.onFrame(frame);
      };
      socket.onclose = (event) => {
        if (!open) {
          fail('refused', event.code);
          return;
        }
        if (this.#closedByUs) return;
        this.#detach();
        handlers.onClose({ code: event.code, reason: event.reason, receivedData: this.#receivedData });
      };
    });
  }

  sendAudio(seq: number, pcm: Uint8Array): void {
    // Captured frames come with room for the header (capture.worklet.ts): sent as they are, no copy.
    // Either array is ArrayBuffer-backed; the declared types are wider.
    const frame =
      frameAroundPayload(AudioKind.Candidate, seq, pcm) ?? encodeAudioFrame(AudioKind.Candidate, seq, pcm);
    this.#send(frame as Uint8Array<ArrayBuffer>);
  }

  sendMessage(message: ClientMessage): void {
    this.#send(encodeClientMessage(message));
  }

  updateToken(): void {
    // The token authenticated the upgrade; an open socket needs nothing more.
  }

  close(code: number = CloseCode.Normal, reason = ''): void {
    if (!this.#socket || this.#closedByUs) return;
    this.#closedByUs = true;
    const socket = this.#socket;
    this.#detach();
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
      socket.close(code, reason);
    }
  }

  #send(data: string | Uint8Array<ArrayBuffer>): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(data);
  }

  #detach(): void {
    if (!this.#socket) return;
    this.#socket.onopen = null;
    this.#socket.onmessage = null;
    this.#socket.onclose = null;
  }
}
