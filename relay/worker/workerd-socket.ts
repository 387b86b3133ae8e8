import type { Logger } from '../core/logger';
import type { SessionHost } from '../core/session-host';
import { type RawSocket, rejectSocket, type SocketClient } from '../core/socket-client';
import { ProtocolError } from '../protocol/protocol-error';
import type { UpgradeResponseInit, WebSocketPairConstructor, WorkerdWebSocket } from './workerd-types';

declare const WebSocketPair: WebSocketPairConstructor;

const OPEN = 1;

export function isWebSocketUpgrade(request: Request): boolean {
  return request.headers.get('upgrade')?.toLowerCase() === 'websocket';
}

/** A workerd socket as the core's RawSocket: sends and closes are no-ops once it is closed. */
function rawSocket(socket: WorkerdWebSocket): RawSocket {
  return {
    send(data) {
      // A copy of binary frames, as on Node: workerd reads a view when it transmits, not at send() (a view
      // overwritten right after send() arrives overwritten), and the replay log recycles its blocks.
      if (socket.readyState === OPEN) socket.send(typeof data === 'string' ? data : data.slice());
    },
    close(code, reason) {
      if (socket.readyState === OPEN) socket.close(code, reason);
    },
  };
}

/** Accepts an upgrade with a WebSocketPair: the 101 response for the client and our end, already accepted. */
function acceptPair(): { response: Response; server: WorkerdWebSocket } {
  const pair = new WebSocketPair();
  const server = pair[1];
  server.accept();
  // From compatibility date 2026-03-17 (websocket_standard_binary_type) binary messages default to Blob.
  server.binaryType = 'arraybuffer';
  const init: UpgradeResponseInit = { status: 101, webSocket: pair[0] };
  return { response: new Response(null, init), server };
}

/**
 * Completes the upgrade only to refuse it with an `error` event and a 44xx close, which a browser can read
 * (an HTTP error at upgrade time reaches page code as a bare 1006).
 */
export function refuseSocket(error: unknown): Response {
  const known = error instanceof ProtocolError ? error : new ProtocolError('internal', 'unexpected error');
  const { response, server } = acceptPair();
  rejectSocket(rawSocket(server), known.code, known.message);
  return response;
}

/**
 * Serves one client WebSocket for a session with plain `accept()` (not hibernation: the Durable Object
 * must stay in memory to keep its upstream Gemini socket). Binary frames arrive as ArrayBuffer (set above).
 */
export function serveSocket(
  request: Request,
  host: SessionHost,
  sessionId: string,
  logger: Logger,
): Response {
  const { response, server } = acceptPair();
  const raw = rawSocket(server);
  // Frames can arrive while the token is being verified: keep them in order until the client exists.
  const early: (string | ArrayBuffer)[] = [];
  let client: SocketClient | undefined;
  let closed = false;
  server.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as string | ArrayBuffer;
    if (client) client.receive(data);
    else early.push(data);
  });
  server.addEventListener('close', () => {
    closed = true;
    client?.closed();
  });
  server.addEventListener('error', () => {
    logger.log('warn', 'client socket error');
  });
  void host.acceptSocket(request, sessionId, raw).then((accepted) => {
    client = accepted;
    if (!client) return;
    for (const data of early.splice(0)) client.receive(data);
    if (closed) client.closed();
  });
  return response;
}
