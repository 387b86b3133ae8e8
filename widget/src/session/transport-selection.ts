import { type InboundFrame, isTerminalCloseCode } from '../../../relay/protocol/index';
import { VoiceInterviewError } from '../errors';
import type { ReconnectPolicy } from './reconnect-policy';
import { SseTransport } from './sse-transport';
import {
  type Transport,
  type TransportCloseInfo,
  TransportConnectError,
  type TransportConnectOptions,
  type TransportFactory,
  type TransportHandlers,
  type TransportKind,
  type TransportPreference,
} from './transport';
import { WebSocketTransport } from './websocket-transport';

export type TransportFactories = Partial<Record<TransportKind, TransportFactory>>;

/** Transports available in this build. */
export const TRANSPORTS: TransportFactories = {
  websocket: () => new WebSocketTransport(),
  sse: () => new SseTransport(),
};

/** sessionStorage key prefix for relays whose WebSocket failed in this page session. */
export const WEBSOCKET_FAILED_KEY = 'voice-interview:websocket-failed:';
const failedWebSockets = new Set<string>();

function relayKey(relayUrl: string): string {
  try {
    return new URL(relayUrl).href;
  } catch {
    return relayUrl;
  }
}

/** Whether this relay's WebSocket failed earlier in the page session (memory, then sessionStorage). */
export function webSocketFailedFor(relayUrl: string): boolean {
  const key = relayKey(relayUrl);
  if (failedWebSockets.has(key)) return true;
  try {
    return sessionStorage.getItem(WEBSOCKET_FAILED_KEY + key) === '1';
  } catch {
    return false; // storage disabled (sandboxed frame, privacy settings): memory only
  }
}

function rememberWebSocketFailure(relayUrl: string): void {
  const key = relayKey(relayUrl);
  failedWebSockets.add(key);
  try {
    sessionStorage.setItem(WEBSOCKET_FAILED_KEY + key, '1');
  } catch {
    // memory only
  }
}

/** The order to try transports in: `auto` is WebSocket then SSE, or SSE alone once the WebSocket failed. */
export function transportOrder(preference: TransportPreference, relayUrl: string): TransportKind[] {
  if (preference !== 'auto') return [preference];
  return webSocketFailedFor(relayUrl) ? ['sse'] : ['websocket', 'sse'];
}

export interface ConnectedTransport {
  transport: Transport;
  /** The relay's first frame on this connection (`ready`, or the `error` that explains a refusal). */
  first: InboundFrame;
}

/** A close before the relay said anything: `4xxx` is the relay's answer; anything else, a broken network. */
function closedBeforeFirstFrame(kind: TransportKind, info: TransportCloseInfo): TransportConnectError {
  if (info.code >= 4000 && info.code < 5000) {
    return new TransportConnectError(kind, 'rejected', info.code, !isTerminalCloseCode(info.code));
  }
  return new TransportConnectError(kind, 'refused', info.code);
}

/**
 * One attempt: opens `kind` and waits for the relay's first frame, both within `timeoutMs`. Frames after the
 * first go to the session's handlers (the session installs the transport before the next one can arrive:
 * message events are tasks, and everything between here and there runs in microtasks).
 */
function handshake(
  transport: Transport,
  options: TransportConnectOptions,
  session: TransportHandlers,
): Promise<ConnectedTransport> {
  return new Promise<ConnectedTransport>((resolve, reject) => {
    let settled = false;
    let readyTimer: ReturnType<typeof setTimeout> | undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(readyTimer);
      return true;
    };
    const handlers: TransportHandlers = {
      onFrame: (frame) => {
        if (settle()) resolve({ transport, first: frame });
        else session.onFrame(frame);
      },
      onClose: (info) => {
        if (settle()) reject(closedBeforeFirstFrame(transport.kind, info));
        else session.onClose(info);
      },
    };
    transport.connect(options, handlers).then(
      () => {
        if (settled) return;
        readyTimer = setTimeout(() => {
          if (!settle()) return;
          transport.close();
          reject(new TransportConnectError(transport.kind, 'timeout'));
        }, options.connectTimeoutMs);
      },
      (error: unknown) => {
        if (settle()) reject(error);
      },
    );
  });
}

/**
 * Connects the first transport that opens and brings the relay's first frame. `refused` and `timeout` move on
 * to the next kind (the fallback rule; every kind but the last gets `fallbackTimeoutMs` to open and as long
 * again for `ready`); a `rejected` (the relay's `4xxx` answer) or an abort stops at once. When the WebSocket
 * failed and a later kind worked, the relay is remembered and later starts go straight to SSE; when all
 * fail, the network is down rather than hostile to WebSockets, so nothing is remembered.
 */
export async function connectFirstAvailable(
  kinds: readonly TransportKind[],
  factories: TransportFactories,
  options: Omit<TransportConnectOptions, 'connectTimeoutMs'>,
  policy: Pick<ReconnectPolicy, 'connectTimeoutMs' | 'fallbackTimeoutMs'>,
  handlersFor: (transport: Transport) => TransportHandlers,
): Promise<ConnectedTransport> {
  const available = kinds.filter((kind) => factories[kind] !== undefined);
  let lastError: unknown = new VoiceInterviewError('relay-unreachable', 'No transport is available', true);
  let webSocketFailed = false;
  for (const [index, kind] of available.entries()) {
    const transport = (factories[kind] as TransportFactory)();
    const connectTimeoutMs =
      index < available.length - 1 ? policy.fallbackTimeoutMs : policy.connectTimeoutMs;
    try {
      const connected = await handshake(transport, { ...options, connectTimeoutMs }, handlersFor(transport));
      if (webSocketFailed) rememberWebSocketFailure(options.relayUrl);
      return connected;
    } catch (error) {
      lastError = error;
      const symptom =
        error instanceof TransportConnectError &&
        (error.failure === 'refused' || error.failure === 'timeout');
      if (!symptom) throw error;
      if (kind === 'websocket') webSocketFailed = true;
    }
  }
  throw lastError;
}
