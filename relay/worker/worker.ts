/**
 * The Cloudflare Workers adapter's entry: the front door (health, CORS and origins, rate limits, session
 * creation and token signing) runs in the Worker; everything about one session goes to its Durable Object.
 * Static assets (the demo page and the widget bundle) are served by Workers static assets.
 */
import { errorResponse } from '../core/http-responses';
import { createLogger } from '../core/logger';
import { matchSessionPath, RelayApp } from '../core/relay-app';
import { ProtocolError } from '../protocol/protocol-error';
import { relayRuntime, WorkerConfigError, type WorkerEnv, workerLogSink } from './worker-env';
import { isWebSocketUpgrade, refuseSocket } from './workerd-socket';

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
  response.headers.set('access-control-allow-origin', '*');
  response.headers.set('x-content-type-options', 'nosniff');
  return response;
}

async function route(request: Request, env: WorkerEnv): Promise<Response> {
  const app = frontDoor(env);
  const url = new URL(request.url);
  const session = matchSessionPath(url.pathname);
  if (session?.action === 'ws' && isWebSocketUpgrade(request)) {
    // Upgrades bypass RelayApp: its CORS wrapper would copy the 101 and lose the socket.
    try {
      app.origins.check(request);
    } catch (error) {
      return refuseSocket(error);
    }
    return sessionStub(env, session.sessionId).fetch(request);
  }
  const clientAddress = request.headers.get('cf-connecting-ip') ?? 'unknown';
  const answer = await app.fetch(request, clientAddress);
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
