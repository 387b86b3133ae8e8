import { errorResponse, tokenFrom } from '../core/http-responses';
import { matchSessionPath } from '../core/relay-app';
import { RelayMetrics } from '../core/relay-metrics';
import type { CheckpointStore, SessionCheckpoint } from '../core/session-checkpoint';
import { SessionHost } from '../core/session-host';
import { ProtocolError } from '../protocol/protocol-error';
import { callQuota, type QuotaCall } from './quota-object';
import { type RelayRuntime, relayRuntime, type WorkerEnv } from './worker-env';
import { isWebSocketUpgrade, refuseSocket, serveSocket } from './workerd-socket';
import type { DurableObjectState } from './workerd-types';

/** Storage key: this object has served its session before (value: the session's hard end, epoch ms). */
const SERVED_KEY = 'served-until';
/** Storage key: the session's latest {@link SessionCheckpoint}. */
const CHECKPOINT_KEY = 'checkpoint';

/**
 * One interview per Durable Object (`env.SESSIONS.idFromName(sessionId)`): a {@link SessionHost} holding that
 * session's upstream Gemini socket, serving its WebSocket, SSE stream and POSTs. The session is built from
 * the verified token on first use, exactly as on Node. An attached client (an open WebSocket or SSE request)
 * keeps the object in memory; the reconnect grace period ends well before an idle object is evicted.
 *
 * If the object loses its memory anyway (a deploy, a runtime restart, an eviction), the session comes back
 * from its last checkpoint (saved after every turn): the upstream resumes with Gemini's resumption handle and
 * the event sequence continues past what the client holds. Lost before its first checkpoint, a returning
 * client gets a typed `session-not-found` instead of a silently restarted interview.
 */
export class SessionObject {
  #host: SessionHost | undefined;
  /** This instance has served the session (so its SessionHost, not storage, knows the session's fate). */
  #servedHere = false;
  #firstUse: Promise<boolean> | undefined;

  constructor(
    private readonly state: DurableObjectState,
    private readonly env: WorkerEnv,
  ) {}

  async fetch(request: Request): Promise<Response> {
    const route = matchSessionPath(new URL(request.url).pathname);
    if (!route) return errorResponse(new ProtocolError('bad-request', 'not a session path'));
    const runtime = relayRuntime(this.env);
    // Counters as `metric` log lines: each object has its own memory, Workers Observability sums them.
    this.#host ??= new SessionHost({
      ...runtime,
      store: this.#checkpoints(),
      // The relay-wide slot: held to the session's hard end, freed the moment it ends.
      onStarted: (sessionId, claims) => this.#quota({ op: 'extend', sessionId, until: claims.end * 1000 }),
      onEnded: (sessionId) => this.#quota({ op: 'release', sessionId }),
      metrics: new RelayMetrics({ log: runtime.logger }),
    });
    const upgrade = route.action === 'ws' && isWebSocketUpgrade(request);
    if (await this.#lostMemory(runtime, request, route.sessionId)) {
      const lost = new ProtocolError(
        'session-not-found',
        'This interview was interrupted when the relay restarted. Please start a new one.',
      );
      return upgrade ? refuseSocket(lost) : errorResponse(lost);
    }
    if (upgrade) return serveSocket(request, this.#host, route.sessionId, runtime.logger);
    const answer = await this.#host.handle(request, route.sessionId, route.action);
    await Promise.all(this.#quotaUpdates.splice(0));
    return answer;
  }

  /** Quota updates not yet confirmed: a request that caused one answers after it (a freed slot is free). */
  readonly #quotaUpdates: Promise<void>[] = [];

  #quota(call: QuotaCall): void {
    this.#quotaUpdates.push(
      callQuota(this.env, call).catch((error: unknown) =>
        relayRuntime(this.env).logger.log('warn', 'quota update failed', { detail: String(error) }),
      ),
    );
  }

  /** Storage is only cleanup bookkeeping: forget the session once no token can name it any more. */
  async alarm(): Promise<void> {
    await this.state.storage.deleteAll();
  }

  /** True when a valid token comes for a session this object served before a restart wiped its memory. */
  async #lostMemory(runtime: RelayRuntime, request: Request, sessionId: string): Promise<boolean> {
    if (this.#servedHere) return false;
    let end: number;
    try {
      end = (await runtime.signer.verify(tokenFrom(request), sessionId)).end * 1000;
    } catch {
      return false; // the host answers with the typed 401 / 4401
    }
    // Concurrent first requests (an SSE stream and a POST) share one look-up.
    this.#firstUse ??= this.#claim(runtime, sessionId, end);
    return this.#firstUse;
  }

  /** Checkpoints in this object's storage; writes are not awaited (the runtime coalesces and orders them). */
  #checkpoints(): CheckpointStore {
    const storage = this.state.storage;
    return {
      load: (_sessionId) => storage.get<SessionCheckpoint>(CHECKPOINT_KEY),
      save: (_sessionId, checkpoint) => {
        void storage.put(CHECKPOINT_KEY, checkpoint);
      },
    };
  }

  async #claim(runtime: RelayRuntime, sessionId: string, end: number): Promise<boolean> {
    const storage = this.state.storage;
    if ((await storage.get<number>(SERVED_KEY)) !== undefined) {
      if ((await storage.get<SessionCheckpoint>(CHECKPOINT_KEY)) !== undefined) {
        this.#servedHere = true;
        return false; // the host restores it (or answers session-not-found when it had ended)
      }
      runtime.logger.log('warn', 'session lost with its Durable Object', { session: sessionId.slice(0, 8) });
      return true;
    }
    await storage.put(SERVED_KEY, end);
    await storage.setAlarm(end);
    this.#servedHere = true;
    return false;
  }
}
