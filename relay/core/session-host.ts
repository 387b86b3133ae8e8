import { AudioKind, decodeAudioBatch } from '../protocol/audio-frame';
import { decodeClientMessage } from '../protocol/codec';
import { MAX_AUDIO_BATCH_BYTES, MAX_CONTROL_MESSAGE_BYTES } from '../protocol/limits';
import type { AudioBatchResponse, RefreshTokenResponse } from '../protocol/messages';
import { ProtocolError } from '../protocol/protocol-error';
import type { RelayConfig } from './config';
import { discardBody, errorResponse, json, readBody, tokenFrom } from './http-responses';
import { InterviewSession } from './interview-session';
import { findTemplate, type TemplateCatalog } from './interview-templates';
import type { Logger } from './logger';
import { BurstBudget } from './rate-limiter';
import type { RelayMetrics } from './relay-metrics';
import type { CheckpointStore } from './session-checkpoint';
import type { TokenClaims, TokenSigner } from './session-token';
import { type RawSocket, rejectSocket, SocketClient } from './socket-client';
import { openSseStream } from './sse-stream';

/** POSTs (audio batches and control messages) one session may make: 50 per second sustained, bursts of 100. */
export const POSTS_PER_SECOND = 50;
export const POST_BURST = 100;

/** How long an ended session is kept so a reconnecting client still learns how it ended. */
export const ENDED_LINGER_MS = 60_000;

export interface SessionHostDeps {
  config: RelayConfig;
  catalog: TemplateCatalog;
  logger: Logger;
  signer: TokenSigner;
  /** Where sessions checkpoint so they survive a lost memory (Durable Object storage); none on Node. */
  store?: CheckpointStore;
  metrics?: RelayMetrics;
  /** How long an ended session stays for returning clients (default {@link ENDED_LINGER_MS}). */
  endedLingerMs?: number;
  /** A session started (from its verified token) / ended: where caps are kept elsewhere (Workers' quota). */
  onStarted?(sessionId: string, claims: TokenClaims): void;
  onEnded?(sessionId: string): void;
}

/** Signs a token for a session; used at creation and on refresh. */
export async function issueToken(
  signer: TokenSigner,
  claims: Omit<TokenClaims, 'exp'>,
  ttlSec: number,
): Promise<{ token: string; expiresAt: string }> {
  const exp = Math.min(Math.floor(Date.now() / 1000) + ttlSec, claims.end);
  return { token: await signer.sign({ ...claims, exp }), expiresAt: new Date(exp * 1000).toISOString() };
}

/**
 * The per-session surface: every `/v1/sessions/{id}/...` request after routing. On Node one host serves all
 * sessions; on Workers each Durable Object has its own host with one session. A session is created from
 * its verified token the first time a client connects, so creation needs no shared storage.
 */
export class SessionHost {
  readonly #sessions = new Map<string, InterviewSession>();
  /** Ended session ids and when to forget them (their tokens can no longer revive them by then). */
  readonly #tombstones = new Map<string, number>();
  readonly #postBudgets = new WeakMap<InterviewSession, BurstBudget>();
  readonly #lingering = new Set<ReturnType<typeof setTimeout>>();
  /** Sessions being created (a store look-up is async): concurrent first requests share one. */
  readonly #creating = new Map<string, Promise<InterviewSession>>();
  /** Session id → the creating client's key (token claim `cli`). */
  readonly #creators = new Map<string, string>();

  constructor(private readonly deps: SessionHostDeps) {}

  /** Sessions not yet ended: an ended one lingers to answer its client but holds no slot. */
  get activeSessions(): number {
    let count = 0;
    for (const session of this.#sessions.values()) if (session.state !== 'ended') count += 1;
    return count;
  }

  /** Live sessions created by one client (the `cli` claim), for the per-client cap. */
  activeSessionsOf(clientKey: string): number {
    let count = 0;
    for (const [id, session] of this.#sessions)
      if (session.state !== 'ended' && this.#creators.get(id) === clientKey) count += 1;
    return count;
  }

  /** Routes one session request. `action` is the path segment after the id ('' for the session itself). */
  async handle(request: Request, sessionId: string, action: string): Promise<Response> {
    try {
      const method = request.method;
      if (action === 'token' && method === 'POST') return await this.#refresh(request, sessionId);
      if (action === '' && method === 'DELETE') {
        const session = await this.#liveSession(request, sessionId);
        await session.end('abandoned');
        return new Response(null, { status: 204 });
      }
      if (action === 'events' && method === 'GET') {
        const session = await this.sessionFor(request, sessionId);
        session.checkCursor(lastEventIdOf(request));
        return openSseStream(session, lastEventIdOf(request));
      }
      if (action === 'audio' && method === 'POST') return await this.#audio(request, sessionId);
      if (action === 'messages' && method === 'POST') {
        const session = await this.#postingSession(request, sessionId);
        const text = new TextDecoder().decode(await readBody(request, MAX_CONTROL_MESSAGE_BYTES));
        session.acceptMessage(decodeClientMessage(text));
        return json({ ok: true }, 202);
      }
      throw new ProtocolError('bad-request', `no ${method} /${action} on a session`);
    } catch (error) {
      if (!(error instanceof ProtocolError))
        this.deps.logger.log('error', 'session request failed', { detail: error });
      await discardBody(request);
      return errorResponse(error);
    }
  }

  /**
   * Attaches a client WebSocket. The socket is already accepted: on failure it gets an `error` event and a
   * 44xx close, which browsers can read (they cannot read an HTTP error at upgrade).
   */
  async acceptSocket(request: Request, sessionId: string, raw: RawSocket): Promise<SocketClient | undefined> {
    let session: InterviewSession;
    try {
      session = await this.sessionFor(request, sessionId);
      session.checkCursor(lastEventIdOf(request));
    } catch (error) {
      const known =
        error instanceof ProtocolError ? error : new ProtocolError('internal', 'unexpected error');
      rejectSocket(raw, known.code, known.message);
      return undefined;
    }
    const client = new SocketClient(raw, session);
    session.attach(client, lastEventIdOf(request));
    return client;
  }

  /** Verifies the request's token and returns its session, creating it on first use. */
  async sessionFor(request: Request, sessionId: string): Promise<InterviewSession> {
    const claims = await this.deps.signer.verify(tokenFrom(request), sessionId, {
      origin: request.headers.get('origin'),
    });
    const existing = this.#sessions.get(sessionId);
    if (existing) return existing;
    let creating = this.#creating.get(sessionId);
    if (!creating) {
      creating = this.#create(sessionId, claims, lastEventIdOf(request)).finally(() =>
        this.#creating.delete(sessionId),
      );
      this.#creating.set(sessionId, creating);
    }
    return creating;
  }

  async #create(sessionId: string, claims: TokenClaims, clientCursor: number): Promise<InterviewSession> {
    this.#forgetOldTombstones();
    if (this.#tombstones.has(sessionId))
      throw new ProtocolError('session-not-found', 'This interview has ended.');
    if (this.activeSessions >= this.deps.config.maxSessions) {
      throw new ProtocolError('session-limit', 'The relay is at capacity. Try again in a few minutes.', true);
    }
    if (
      claims.cli !== undefined &&
      this.activeSessionsOf(claims.cli) >= this.deps.config.maxSessionsPerClient
    ) {
      throw new ProtocolError('rate-limited', 'Too many interviews running from here at once.', true);
    }
    const { store, logger } = this.deps;
    const saved = await store?.load(sessionId);
    // An ended interview comes back only to hand out its report again.
    if (saved?.ended && !saved.report)
      throw new ProtocolError('session-not-found', 'This interview has ended.');
    const template = findTemplate(this.deps.catalog, claims.int);
    const session = new InterviewSession(
      sessionId,
      template,
      claims.var,
      this.deps.config,
      logger.child({ session: sessionId.slice(0, 8) }),
      {
        onEnded: (ended) => this.#retire(ended),
        ...(this.deps.metrics ? { metrics: this.deps.metrics } : {}),
        ...(store ? { onCheckpoint: (checkpoint) => store.save(sessionId, checkpoint) } : {}),
        // Continue the event sequence past whatever the returning client already holds.
        ...(saved ? { restored: { ...saved, lastEventId: Math.max(saved.lastEventId, clientCursor) } } : {}),
      },
    );
    if (saved) logger.log('info', 'session restored from checkpoint', { session: sessionId.slice(0, 8) });
    this.deps.onStarted?.(sessionId, claims);
    this.#sessions.set(sessionId, session);
    if (claims.cli !== undefined) this.#creators.set(sessionId, claims.cli);
    this.#tombstones.set(sessionId, claims.end * 1000);
    session.awaitClient();
    return session;
  }

  /** Suspends every session (SIGTERM drain): checkpointed where a store exists, clients told to reconnect. */
  drain(): void {
    for (const session of this.#sessions.values()) session.suspend();
    for (const timer of this.#lingering) clearTimeout(timer);
    this.#lingering.clear();
    this.#sessions.clear();
  }

  /** Ends every session (process shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((session) => session.end('abandoned')));
    for (const timer of this.#lingering) clearTimeout(timer);
    this.#lingering.clear();
    this.#sessions.clear();
  }

  async #refresh(request: Request, sessionId: string): Promise<Response> {
    const claims = await this.deps.signer.verify(tokenFrom(request), sessionId, {
      origin: request.headers.get('origin'),
    });
    const session = this.#sessions.get(sessionId);
    if (session?.state === 'ended' || (!session && this.#tombstones.has(sessionId))) {
      throw new ProtocolError('session-not-found', 'This interview has ended.');
    }
    const fresh: RefreshTokenResponse = await issueToken(
      this.deps.signer,
      claims,
      this.deps.config.tokenTtlSec,
    );
    return json(fresh);
  }

  /** The session for a POST, refusing floods with a typed, retryable error. */
  /**
   * The session for a request that changes it. An ended session refuses every change with
   * `session-not-found`; only reads (a reconnect, the SSE stream) still replay how it ended, for a minute.
   */
  async #liveSession(request: Request, sessionId: string): Promise<InterviewSession> {
    const session = await this.sessionFor(request, sessionId);
    if (session.state === 'ended') throw new ProtocolError('session-not-found', 'This interview has ended.');
    return session;
  }

  async #postingSession(request: Request, sessionId: string): Promise<InterviewSession> {
    const session = await this.#liveSession(request, sessionId);
    let budget = this.#postBudgets.get(session);
    if (!budget) {
      budget = new BurstBudget(POST_BURST, POSTS_PER_SECOND);
      this.#postBudgets.set(session, budget);
    }
    if (!budget.take()) throw new ProtocolError('rate-limited', 'Too many requests for this session.', true);
    return session;
  }

  async #audio(request: Request, sessionId: string): Promise<Response> {
    const session = await this.#postingSession(request, sessionId);
    const frames = decodeAudioBatch(await readBody(request, MAX_AUDIO_BATCH_BYTES));
    const result: AudioBatchResponse = { accepted: 0, duplicates: 0, lastSeq: 0, gaps: [] };
    if (frames.some((frame) => frame.kind !== AudioKind.Candidate))
      throw new ProtocolError('protocol', 'clients send candidate audio only');
    for (const { status, gap } of session.acceptAudioBatch(frames)) {
      if (status === 'accepted') result.accepted += 1;
      else result.duplicates += 1;
      result.gaps.push(...gap);
    }
    result.lastSeq = session.lastAudioSeq;
    return json(result);
  }

  #retire(session: InterviewSession): void {
    this.deps.onEnded?.(session.id);
    const timer = setTimeout(() => {
      this.#lingering.delete(timer);
      if (this.#sessions.get(session.id) === session) {
        this.#sessions.delete(session.id);
        this.#creators.delete(session.id);
      }
    }, this.deps.endedLingerMs ?? ENDED_LINGER_MS);
    this.#lingering.add(timer);
  }

  #forgetOldTombstones(): void {
    const now = Date.now();
    for (const [id, until] of this.#tombstones)
      if (until < now && !this.#sessions.has(id)) this.#tombstones.delete(id);
  }
}

/** The client's resume cursor (`Last-Event-ID` or `?lastEventId=`); anything but a non-negative integer is 0. */
export function lastEventIdOf(request: Request): number {
  const raw =
    request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId') ?? '0';
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}
