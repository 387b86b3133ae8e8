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
  /**
   * At the time limit the interviewer is asked to wrap up; if its closing turn has not finished this long
   * after the limit, the session is stopped hard (reason `time-limit` either way).
   */
  wrapUpGraceMs: number;
}

export const DEFAULTS = {
  geminiModel: DEFAULT_MODEL,
  geminiReportModel: DEFAULT_REPORT_MODEL,
  tokenTtlSec: 600,
  reconnectGraceMs: 30_000,
  maxSessions: 50,
  createRatePerMinute: 20,
  heartbeatMs: 15_000,
  wrapUpGraceMs: 30_000,
} as const;

type Env = Record<string, string | undefined>;

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
    wrapUpGraceMs: positiveInt(env, 'WRAP_UP_GRACE_MS', DEFAULTS.wrapUpGraceMs),
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
    wrapUpGraceMs: DEFAULTS.wrapUpGraceMs,
    ...overrides,
  };
}
