import { UPLINK_BATCH_MS } from './uplink-coalescer';
/** Relay configuration: one plain object, read from the environment by each platform adapter. */

export const DEFAULT_MODEL = 'gemini-3.8-live';
export const DEFAULT_REPORT_MODEL = 'gemini-2.5-flash';
/** Pinned: the 2.x SDK defaults to v1beta, 3.x to v1; the Live docs only show v1beta. */
export const GEMINI_API_VERSION = 'v1beta';

export interface RelayConfig {
  /** Gemini API key. Never leaves the relay. */
  geminiApiKey: string;
  geminiModel: string;
  geminiReportModel: string;
  /** Passed to the SDK as httpOptions.baseUrl (a fake, a proxy, or the built-in simulator). */
  geminiBaseUrl: string | undefined;
  /** True when the upstream is the built-in simulated interviewer. */
  simulated: boolean;
  /** Origins allowed to create and use sessions; '*' allows any; empty allows same-origin only. */
  allowedOrigins: '*' | string[];
  /** HMAC secret for session tokens. */
  relaySecret: string;
  /** How long a session token is accepted for connecting, in seconds. */
  tokenTtlSec: number;
  /** How long a session survives with no client attached, in milliseconds. */
  reconnectGraceMs: number;
  /** Concurrent sessions one relay process (or Durable Object namespace, per isolate) accepts. */
  maxSessions: number;
  /** Session creations per client address per minute. */
  createRatePerMinute: number;
  /** How often an attached client gets a `heartbeat` event, in milliseconds. */
  heartbeatMs: number;
  /** An upstream connection older than this rolls over at the next turn boundary (Gemini ends them at ~10 min). */
  upstreamRolloverMs: number;
  /** An upstream connect without setupComplete by then is abandoned (closed) and retried. */
  upstreamConnectTimeoutMs: number;
  /**
   * After Gemini lost the conversation (expired handle), how long the client has to accept continuing in a
   * new interviewer session carrying the transcript, before the session ends with `upstream-handle-expired`.
   */
  continuationOfferMs: number;
  /** Bearer token for `GET /metrics` on Node; empty: the endpoint answers 404. */
  metricsToken: string;
  /** The relay's public origin (`PUBLIC_URL`), e.g. behind a TLS-terminating proxy; its host is allowed. */
  publicUrl: string | undefined;
  /** Host names the relay answers to (`ALLOWED_HOSTS`, `*.example.com` patterns); empty: see HostPolicy. */
  allowedHosts: string[];
  /** `frame-ancestors` of the demo page's CSP (`FRAME_ANCESTORS`): who may frame it; default 'self'. */
  frameAncestors: string;
  /** Concurrent sessions one client address may hold. */
  maxSessionsPerClient: number;
  /**
   * At the time limit the interviewer is asked to wrap up; if its closing turn has not finished this long
   * after the limit, the session is stopped hard (reason `time-limit` either way).
   */
  wrapUpGraceMs: number;
  /** Candidate audio toward Gemini is joined into messages of up to this many ms (0: one per frame). */
  uplinkBatchMs: number;
}

export const DEFAULTS = {
  geminiModel: DEFAULT_MODEL,
  geminiReportModel: DEFAULT_REPORT_MODEL,
  tokenTtlSec: 600,
  reconnectGraceMs: 30_000,
  maxSessions: 50,
  createRatePerMinute: 20,
  heartbeatMs: 15_000,
  upstreamRolloverMs: 540_000,
  upstreamConnectTimeoutMs: 15_000,
  continuationOfferMs: 120_000,
  frameAncestors: "'self'",
  maxSessionsPerClient: 5,
  wrapUpGraceMs: 30_000,
} as const;

/** An HMAC key shorter than this many bytes is refused with a real Gemini key (RFC 2104: at least the hash size). */
export const MIN_SECRET_BYTES = 32;

type Env = Record<string, string | undefined>;

/** UPLINK_BATCH_MS: 0 (off, the default) to 100 ms. */
function uplinkBatchMsFrom(env: Env): number {
  const raw = env.UPLINK_BATCH_MS;
  if (raw === undefined || raw === '') return UPLINK_BATCH_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 100)
    throw new TypeError('UPLINK_BATCH_MS must be an integer from 0 to 100');
  return value;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

export function parseAllowedOrigins(raw: string | undefined): '*' | string[] {
  if (raw === undefined || raw.trim() === '') return [];
  if (raw.trim() === '*') return '*';
  return raw
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** `https://relay.example.com/` → its origin; anything that is not an http(s) origin is refused. */
export function parsePublicUrl(raw: string | undefined): string | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError('PUBLIC_URL must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError('PUBLIC_URL must be an absolute http(s) URL');
  return url.origin;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}

/** `FRAME_ANCESTORS`: CSP sources separated by spaces or commas; no `;` (it would end the directive). */
export function parseFrameAncestors(raw: string | undefined): string {
  const text = raw?.trim() ?? '';
  if (text === '') return DEFAULTS.frameAncestors;
  if (/[;\r\n]/.test(text)) throw new TypeError('FRAME_ANCESTORS must not contain ";" or line breaks');
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(' ');
}

/**
 * A short RELAY_SECRET makes tokens forgeable offline: refused when a real key is at stake; with the
 * simulator (nothing to spend) it is only a warning, returned for the adapter to print.
 */
export function checkSecret(secret: string, simulated: boolean): string | undefined {
  const bytes = new TextEncoder().encode(secret).byteLength;
  if (bytes >= MIN_SECRET_BYTES) return undefined;
  const message = `RELAY_SECRET is ${bytes} bytes; use at least ${MIN_SECRET_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`;
  if (!simulated) throw new TypeError(message);
  return message;
}

/**
 * Builds the config from environment variables. `fallbacks` supplies what the platform decides itself
 * (the simulator's URL and key, a generated secret).
 */
export function configFromEnv(
  env: Env,
  fallbacks: { relaySecret: string; simulatorBaseUrl?: string },
): RelayConfig {
  const key = env.GEMINI_API_KEY?.trim() ?? '';
  const simulated = key === '';
  if (env.RELAY_SECRET?.trim()) checkSecret(env.RELAY_SECRET.trim(), simulated);
  return {
    geminiApiKey: simulated ? 'simulated-interviewer' : key,
    geminiModel: env.GEMINI_MODEL?.trim() || DEFAULTS.geminiModel,
    geminiReportModel: env.GEMINI_REPORT_MODEL?.trim() || DEFAULTS.geminiReportModel,
    geminiBaseUrl: simulated ? fallbacks.simulatorBaseUrl : env.GEMINI_BASE_URL?.trim() || undefined,
    simulated,
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
    relaySecret: env.RELAY_SECRET?.trim() || fallbacks.relaySecret,
    tokenTtlSec: positiveInt(env, 'TOKEN_TTL_SEC', DEFAULTS.tokenTtlSec),
    reconnectGraceMs: positiveInt(env, 'RECONNECT_GRACE_MS', DEFAULTS.reconnectGraceMs),
    maxSessions: positiveInt(env, 'MAX_SESSIONS', DEFAULTS.maxSessions),
    createRatePerMinute: positiveInt(env, 'CREATE_RATE_PER_MINUTE', DEFAULTS.createRatePerMinute),
    heartbeatMs: positiveInt(env, 'HEARTBEAT_MS', DEFAULTS.heartbeatMs),
    upstreamRolloverMs: positiveInt(env, 'UPSTREAM_ROLLOVER_SEC', DEFAULTS.upstreamRolloverMs / 1000) * 1000,
    upstreamConnectTimeoutMs: positiveInt(
      env,
      'UPSTREAM_CONNECT_TIMEOUT_MS',
      DEFAULTS.upstreamConnectTimeoutMs,
    ),
    continuationOfferMs: positiveInt(env, 'CONTINUATION_OFFER_MS', DEFAULTS.continuationOfferMs),
    metricsToken: env.METRICS_TOKEN?.trim() ?? '',
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    allowedHosts: list(env.ALLOWED_HOSTS),
    frameAncestors: parseFrameAncestors(env.FRAME_ANCESTORS),
    maxSessionsPerClient: positiveInt(env, 'MAX_SESSIONS_PER_CLIENT', DEFAULTS.maxSessionsPerClient),
    wrapUpGraceMs: positiveInt(env, 'WRAP_UP_GRACE_MS', DEFAULTS.wrapUpGraceMs),
    uplinkBatchMs: uplinkBatchMsFrom(env),
  };
}

/** A complete config for tests and embedders: defaults plus what they set. */
export function makeConfig(overrides: Partial<RelayConfig> & Pick<RelayConfig, 'geminiApiKey'>): RelayConfig {
  return {
    geminiModel: DEFAULTS.geminiModel,
    geminiReportModel: DEFAULTS.geminiReportModel,
    geminiBaseUrl: undefined,
    simulated: false,
    allowedOrigins: [],
    relaySecret: 'development-only-secret',
    tokenTtlSec: DEFAULTS.tokenTtlSec,
    reconnectGraceMs: DEFAULTS.reconnectGraceMs,
    maxSessions: DEFAULTS.maxSessions,
    createRatePerMinute: DEFAULTS.createRatePerMinute,
    heartbeatMs: DEFAULTS.heartbeatMs,
    upstreamRolloverMs: DEFAULTS.upstreamRolloverMs,
    upstreamConnectTimeoutMs: DEFAULTS.upstreamConnectTimeoutMs,
    continuationOfferMs: DEFAULTS.continuationOfferMs,
    metricsToken: '',
    publicUrl: undefined,
    allowedHosts: [],
    frameAncestors: DEFAULTS.frameAncestors,
    maxSessionsPerClient: DEFAULTS.maxSessionsPerClient,
    wrapUpGraceMs: DEFAULTS.wrapUpGraceMs,
    uplinkBatchMs: UPLINK_BATCH_MS,
    ...overrides,
  };
}
