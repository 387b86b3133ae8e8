/**
 * The Cloudflare Workers adapter's entry: the core's front door (hosts, health, CORS and origins, rate
 * limits, session creation and token signing, the WebSocket route) runs in the Worker; it supplies only the
 * upgrade primitive (forward to the session's Durable Object, or refuse with a WebSocketPair). Everything
 * about one session goes to its Durable Object.
 * Static assets (the demo page and the widget bundle) are served by Workers static assets.
 */
import { errorResponse } from '../core/http-responses';
import { createLogger } from '../core/logger';
import { WIDGET_FILE_HEADERS } from '../core/page-headers';
import { RelayApp } from '../core/relay-app';
import { ProtocolError } from '../protocol/protocol-error';
import { callQuota } from './quota-object';
import { relayRuntime, WorkerConfigError, type WorkerEnv, workerLogSink } from './worker-env';
import { refuseSocket } from './workerd-socket';

export { QuotaObject } from './quota-object';
export { SessionObject } from './session-object';

/** Asset paths the Worker sees first (see `run_worker_first` in wrangler.toml): the widget, embedded cross-origin. */
export const WIDGET_PATHS = ['/voice-interview.js', '/voice-interview-worklets/*'] as const;

const apps = new WeakMap<WorkerEnv, RelayApp>();

function frontDoor(env: WorkerEnv): RelayApp {
  let app = apps.get(env);
  if (!app) {
    const runtime = relayRuntime(env);
    app = new RelayApp({
      ...runtime,
      router: {
        fetch: (request, sessionId) => sessionStub(env, sessionId).fetch(request),
        // Sessions live in separate objects, possibly in other places: nobody can count them cheaply.
        activeSessions: () => undefined,
        admit: (client, sessionId, until) => callQuota(env, { op: 'admit', client, sessionId, until }),
      },
      sockets: {
        accept: (request, sessionId) => sessionStub(env, sessionId).fetch(request),
        refuse: async (_request, error) => refuseSocket(error),
      },
    });
    apps.set(env, app);
  }
  return app;
}

function sessionStub(env: WorkerEnv, sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

function isWidgetPath(pathname: string): boolean {
  return WIDGET_PATHS.some((path) =>
    path.endsWith('/*') ? pathname.startsWith(path.slice(0, -1)) : pathname === path,
  );
}

/** Static assets; the widget's files with the headers a cross-origin `<script type="module">` needs. */
async function asset(env: WorkerEnv, request: Request): Promise<Response> {
  if (!env.ASSETS) return new Response('Not found\n', { status: 404 });
  const asset = await env.ASSETS.fetch(request);
  if (!isWidgetPath(new URL(request.url).pathname)) return asset;
  const response = new Response(asset.body, asset);
  for (const [name, value] of Object.entries(WIDGET_FILE_HEADERS)) response.headers.set(name, value);
  return response;
}

async function route(request: Request, env: WorkerEnv): Promise<Response> {
  const clientAddress = request.headers.get('cf-connecting-ip') ?? 'unknown';
  const answer = await frontDoor(env).fetch(request, clientAddress);
  if (answer) return answer;
  return asset(env, request);
}

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    try {
      return await route(request, env);
    } catch (error) {
      if (error instanceof WorkerConfigError) {
        createLogger(workerLogSink, []).log('error', error.message);
        return errorResponse(new ProtocolError('internal', `The relay is not configured: ${error.message}`));
      }
      throw error;
    }
  },
};
