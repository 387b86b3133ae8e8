import type { ClientMessage, InboundFrame } from '../../../relay/protocol/index';
import { VoiceInterviewError } from '../errors';

/**
 * How the session talks to the relay. A transport carries the protocol and nothing else: it does not retry,
 * does not know about other transports and does not interpret events. The session picks the transport, decides
 * fallback (`transport="auto"`) and owns reconnection. Lifecycle: `connect()` once, then `send*()`, then
 * `close()`; a transport object is never reused after it closed.
 */
export type TransportKind = 'websocket' | 'sse';
/** The `transport` attribute: `auto` lets the session choose (WebSocket first, SSE fallback once available). */
export type TransportPreference = 'auto' | TransportKind;

export interface TransportConnectOptions {
  relayUrl: string;
  sessionId: string;
  token: string;
  /** Id of the last server event already received (0: none); the relay replays what followed. */
  lastEventId: number;
  /** Rejects `connect()` with a `timeout` failure if the connection is not open by then. */
  connectTimeoutMs: number;
  signal: AbortSignal;
}

export interface TransportHandlers {
  onFrame(frame: InboundFrame): void;
  /** The connection ended without the session closing it. Not called after `close()`. */
  onClose(info: TransportCloseInfo): void;
}

export interface TransportCloseInfo {
  /** WebSocket close code (SSE transports map their failures onto the same codes). */
  code: number;
  reason: string;
  /** Whether any server data arrived before the close (the fallback rule needs it). */
  receivedData: boolean;
}

/**
 * Why a connect attempt failed. `refused` and `timeout` are symptoms of a network that breaks this transport:
 * `auto` tries the next one. `rejected` is the relay's own answer (a `4xxx` close): never a reason to fall back.
 */
export type TransportFailure = 'refused' | 'timeout' | 'rejected' | 'aborted';

export class TransportConnectError extends VoiceInterviewError {
  override readonly name = 'TransportConnectError';
  constructor(
    readonly transport: TransportKind,
    readonly failure: TransportFailure,
    readonly closeCode?: number,
    retryable = true,
  ) {
    super(
      'relay-unreachable',
      `${transport} connection ${failure}${closeCode ? ` (${closeCode})` : ''}`,
      retryable,
    );
  }
}

export interface Transport {
  readonly kind: TransportKind;
  /** Resolves once the connection is open and can send; the relay's `ready` event follows. */
  connect(options: TransportConnectOptions, handlers: TransportHandlers): Promise<void>;
  /** One frame of candidate audio (PCM16 at the protocol's input rate) with its sequence number. */
  sendAudio(seq: number, pcm: Uint8Array): void;
  sendMessage(message: ClientMessage): void;
  /** Fresh credentials for requests made from now on (SSE's POSTs); a WebSocket only needs them to connect. */
  updateToken(token: string): void;
  close(code?: number, reason?: string): void;
}

export type TransportFactory = () => Transport;
