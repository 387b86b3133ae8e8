import { errorResponse } from '../core/http-responses';
import { matchSessionPath } from '../core/relay-app';
import { SessionHost } from '../core/session-host';
import { ProtocolError } from '../protocol/protocol-error';
import { relayRuntime, type WorkerEnv } from './worker-env';
import { isWebSocketUpgrade, serveSocket } from './workerd-socket';
import type { DurableObjectState } from './workerd-types';

/**
 * One interview per Durable Object (`env.SESSIONS.idFromName(sessionId)`): a {@link SessionHost} holding that
 * session's upstream Gemini socket, serving its WebSocket, SSE stream and POSTs. The session is built from
 * the verified token on first use, exactly as on Node. An attached client (an open WebSocket or SSE request)
 * keeps the object in memory; the reconnect grace period ends well before an idle object is evicted.
 */
export class SessionObject {
  #host: SessionHost | undefined;

  constructor(
    _state: DurableObjectState,
    private readonly env: WorkerEnv,
  ) {}

  async fetch(request: Request): Promise<Response> {
    const route = matchSessionPath(new URL(request.url).pathname);
    if (!route) return errorResponse(new ProtocolError('bad-request', 'not a session path'));
    const runtime = relayRuntime(this.env);
    this.#host ??= new SessionHost(runtime);
    if (route.action === 'ws' && isWebSocketUpgrade(request)) {
      return serveSocket(request, this.#host, route.sessionId, runtime.logger);
    }
    return this.#host.handle(request, route.sessionId, route.action);
  }
}
