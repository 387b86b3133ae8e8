import { MAX_CREATE_BODY_BYTES } from '../protocol/limits';
import type { CreateSessionResponse } from '../protocol/messages';
import { ProtocolError } from '../protocol/protocol-error';
import { PROTOCOL_VERSION } from '../protocol/version';
import type { RelayConfig } from './config';
import { HostPolicy } from './host-policy';
import { discardBody, errorResponse, json, readJson } from './http-responses';
import { checkVariables, findTemplate, interviewInfo, type TemplateCatalog } from './interview-templates';
import type { Logger } from './logger';
import { OriginPolicy } from './origin-policy';
import { RateLimiter } from './rate-limiter';
import { issueToken } from './session-host';
import { newSessionId, type TokenSigner } from './session-token';

/** Where session requests go after the front door: in-process on Node, a Durable Object on Workers. */
export interface SessionRouter {
  fetch(request: Request, sessionId: string, action: string): Promise<Response>;
  /** Sessions currently running, when the platform can know it (Node); undefined elsewhere. */
  activeSessions(): number | undefined;
  /** Sessions currently running that one client created, when the platform can know it. */
  activeSessionsOf?(clientKey: string): number | undefined;
  /**
   * Where caps are relay-wide rather than per process (Workers): takes a slot and a creation for `client`,
   * or throws the typed refusal. Replaces the in-process creation rate limit when present.
   */
  admit?(client: string, sessionId: string, untilMs: number): Promise<void>;
}

/**
 * The one thing a runtime adds to the front door for WebSockets: completing an upgrade. Node hands the
 * socket to `ws` (`handleUpgrade`), Workers forward to the session's Durable Object (`WebSocketPair`).
 * The rules (host, origin, route) are the core's; the token is verified by the session host.
 */
export interface SocketUpgrader {
  /** Completes the upgrade and attaches the socket to `sessionId`. Node answers `undefined` (it wrote the 101). */
  accept(request: Request, sessionId: string): Promise<Response | undefined>;
  /**
   * Completes the upgrade only to send an `error` event and a 44xx close, which a browser can read (an
   * HTTP error at upgrade time reaches page code as a bare 1006).
   */
  refuse(request: Request, error: ProtocolError): Promise<Response | undefined>;
}

export interface RelayAppDeps {
  config: RelayConfig;
  catalog: TemplateCatalog;
  logger: Logger;
  signer: TokenSigner;
  router: SessionRouter;
  sockets: SocketUpgrader;
  /** The process listens on loopback only: answer loopback host names only (see {@link HostPolicy}). */
  loopbackBound?: boolean;
}

/** `Upgrade: websocket`, case-insensitively. */
export function isWebSocketUpgrade(request: Request): boolean {
  return request.headers.get('upgrade')?.toLowerCase() === 'websocket';
}

/** `/v1/sessions/{id}` and `/v1/sessions/{id}/{action}`. */
const SESSION_PATH = /^\/v1\/sessions\/([A-Za-z0-9_-]{16,64})(?:\/(ws|events|audio|messages|token))?\/?$/;

export interface SessionRoute {
  sessionId: string;
  action: string;
}

export function matchSessionPath(pathname: string): SessionRoute | undefined {
  const match = SESSION_PATH.exec(pathname);
  return match ? { sessionId: match[1] as string, action: match[2] ?? '' } : undefined;
}

/**
 * The relay's front door, on web-standard Request/Response: health, CORS and origin policy, rate limits,
 * session creation and token signing; everything about one session goes to the {@link SessionRouter}.
 * Returns `undefined` for paths that are not the API, so adapters can serve static assets there.
 */
export class RelayApp {
  readonly origins: OriginPolicy;
  readonly hosts: HostPolicy;
  readonly #createLimiter: RateLimiter;

  constructor(private readonly deps: RelayAppDeps) {
    const { config } = deps;
    this.origins = new OriginPolicy(config.allowedOrigins, config.publicUrl);
    this.hosts = new HostPolicy({
      publicUrl: config.publicUrl,
      allowedHosts: config.allowedHosts,
      loopbackBound: deps.loopbackBound ?? false,
    });
    this.#createLimiter = new RateLimiter(config.createRatePerMinute);
  }

  /**
   * Every request, WebSocket upgrades included. Returns `undefined` for a path that is not the relay's
   * (the adapter serves its static files there) and for an upgrade the adapter completed itself.
   */
  async fetch(request: Request, clientAddress = 'unknown'): Promise<Response | undefined> {
    const url = new URL(request.url);
    const upgrade = isWebSocketUpgrade(request);
    try {
      this.hosts.check(url);
    } catch (error) {
      await discardBody(request);
      return upgrade ? this.#refuseSocket(request, error) : errorResponse(error);
    }
    if (upgrade) return this.#upgrade(request, url);
    if (url.pathname === '/healthz') {
      return json({ ok: true, simulated: this.deps.config.simulated, protocol: PROTOCOL_VERSION });
    }
    if (!url.pathname.startsWith('/v1/')) return undefined;
    let origin: string | null = null;
    try {
      origin = this.origins.check(request);
      if (request.method === 'OPTIONS') {
        return new Response(null, { status: 204, headers: this.origins.preflightHeaders(origin) });
      }
      const response = await this.#route(request, url, clientAddress);
      return this.#withCors(response, origin);
    } catch (error) {
      if (!(error instanceof ProtocolError))
        this.deps.logger.log('error', 'request failed', { detail: error });
      await discardBody(request);
      return this.#withCors(errorResponse(error), origin);
    }
  }

  /** The WebSocket route: `GET /v1/sessions/{id}/ws` with `Upgrade: websocket`, from an allowed origin. */
  async #upgrade(request: Request, url: URL): Promise<Response | undefined> {
    const route = matchSessionPath(url.pathname);
    if (route?.action !== 'ws' || request.method !== 'GET') {
      return errorResponse(
        new ProtocolError('bad-request', 'WebSocket upgrades go to GET /v1/sessions/{id}/ws only'),
      );
    }
    try {
      this.origins.check(request);
    } catch (error) {
      return this.#refuseSocket(request, error);
    }
    return this.deps.sockets.accept(request, route.sessionId);
  }

  #refuseSocket(request: Request, error: unknown): Promise<Response | undefined> {
    const known =
      error instanceof ProtocolError ? error : new ProtocolError('internal', 'unexpected error', true);
    return this.deps.sockets.refuse(request, known);
  }

  async #route(request: Request, url: URL, clientAddress: string): Promise<Response> {
    if (url.pathname === '/v1/sessions' && request.method === 'POST')
      return this.#create(request, clientAddress);
    const route = matchSessionPath(url.pathname);
    if (!route)
      throw new ProtocolError('bad-request', `no route for ${request.method} ${url.pathname.slice(0, 80)}`);
    return this.deps.router.fetch(request, route.sessionId, route.action);
  }

  async #create(request: Request, clientAddress: string): Promise<Response> {
    if (!this.deps.router.admit && !this.#createLimiter.take(clientAddress)) {
      throw new ProtocolError('rate-limited', 'Too many interviews started from here. Wait a minute.', true);
    }
    const { config, catalog, signer } = this.deps;
    const active = this.deps.router.activeSessions();
    if (active !== undefined && active >= config.maxSessions) {
      throw new ProtocolError('session-limit', 'The relay is at capacity. Try again in a few minutes.', true);
    }
    const mine = this.deps.router.activeSessionsOf?.(clientAddress);
    if (mine !== undefined && mine >= config.maxSessionsPerClient) {
      throw new ProtocolError('rate-limited', 'Too many interviews running from here at once.', true);
    }
    const body = await readJson(request, MAX_CREATE_BODY_BYTES);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ProtocolError('bad-request', 'body must be an object');
    const { interview, variables, ...rest } = body as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) {
      throw new ProtocolError(
        'bad-request',
        `unexpected field "${extra[0]?.slice(0, 40)}": pages name an interview only`,
      );
    }
    const template = findTemplate(catalog, interview);
    const checked = checkVariables(template, variables);
    const sessionId = newSessionId();
    // An unconnected session holds its slot while its first token can still connect.
    await this.deps.router.admit?.(clientAddress, sessionId, Date.now() + config.tokenTtlSec * 1000);
    const end = Math.floor(Date.now() / 1000) + template.durationLimitSec + 3600;
    const credentials = await issueToken(
      signer,
      { sid: sessionId, int: template.id, var: checked, end, cli: clientAddress, ...originClaim(request) },
      config.tokenTtlSec,
    );
    const answer: CreateSessionResponse = {
      sessionId,
      ...credentials,
      protocol: PROTOCOL_VERSION,
      interview: interviewInfo(template),
      simulated: config.simulated,
    };
    this.deps.logger.log('info', 'session created', {
      session: sessionId.slice(0, 8),
      interview: template.id,
    });
    return json(answer, 201);
  }

  #withCors(response: Response, origin: string | null): Response {
    const headers = this.origins.corsHeaders(origin);
    const entries = Object.entries(headers);
    if (entries.length === 0) return response;
    try {
      // The core's own answers have mutable headers: set in place (a copy costs a second body stream).
      for (const [name, value] of entries) response.headers.set(name, value);
      return response;
    } catch {
      // immutable headers (a Response from a Durable Object stub's fetch): answer with a copy
    }
    const copy = new Response(response.body, response);
    for (const [name, value] of entries) copy.headers.set(name, value);
    return copy;
  }
}

/** The creating page's origin, which the token is then bound to (none for a request without Origin). */
function originClaim(request: Request): { org?: string } {
  const origin = request.headers.get('origin');
  return origin === null ? {} : { org: origin };
}
