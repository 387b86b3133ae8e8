import { configFromEnv, type RelayConfig } from '../core/config';
import { bundledTemplates, type TemplateCatalog } from '../core/interview-templates';
import { createLogger, type Logger } from '../core/logger';
import { TokenSigner } from '../core/session-token';
import type { AssetsBinding, DurableObjectNamespace } from './workerd-types';

/** The Worker's bindings: `relay/wrangler.toml` declares them; secrets come from `wrangler secret put`. */
export interface WorkerEnv {
  SESSIONS: DurableObjectNamespace;
  /** The relay-wide session caps: one object, `idFromName('global')` (see quota-object.ts). */
  QUOTA: DurableObjectNamespace;
  ASSETS?: AssetsBinding;
  /** Secret. Empty only for local development against the simulator (see {@link relayRuntime}). */
  GEMINI_API_KEY?: string;
  /** Secret. Signs session tokens; the Worker and every Durable Object read the same one. */
  RELAY_SECRET?: string;
  GEMINI_BASE_URL?: string;
  GEMINI_MODEL?: string;
  GEMINI_REPORT_MODEL?: string;
  ALLOWED_ORIGINS?: string;
  TOKEN_TTL_SEC?: string;
  RECONNECT_GRACE_MS?: string;
  MAX_SESSIONS?: string;
  CREATE_RATE_PER_MINUTE?: string;
  HEARTBEAT_MS?: string;
  PUBLIC_URL?: string;
  ALLOWED_HOSTS?: string;
  FRAME_ANCESTORS?: string;
  MAX_SESSIONS_PER_CLIENT?: string;
  WRAP_UP_GRACE_MS?: string;
}

/** A Durable Object with no incoming request is evicted after roughly a minute or two; grace must end first. */
export const MAX_GRACE_ON_WORKERS_MS = 60_000;

/** What the Worker and the Durable Objects of one isolate share: config, logger, token signer, templates. */
export interface RelayRuntime {
  config: RelayConfig;
  logger: Logger;
  signer: TokenSigner;
  catalog: TemplateCatalog;
}

/** The Worker is missing a secret or has an unusable setting; requests answer 500 and the log says which. */
export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

function stringVars(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value;
  return out;
}

/**
 * Reads the config from the Worker's env with the core's `configFromEnv`. Unlike Node there is no process to
 * host a simulator or hold a random secret, so: RELAY_SECRET is required (a per-isolate random one would
 * not verify in the Durable Object of another isolate), and without GEMINI_API_KEY the relay runs simulated
 * only when GEMINI_BASE_URL points at a loopback simulator (`npm run dev:edge`).
 */
export function workerConfig(env: WorkerEnv): RelayConfig {
  const secret = env.RELAY_SECRET?.trim() ?? '';
  if (secret === '') {
    throw new WorkerConfigError(
      'RELAY_SECRET is not set: run `wrangler secret put RELAY_SECRET -c relay/wrangler.toml` (any 32+ random bytes)',
    );
  }
  const baseUrl = env.GEMINI_BASE_URL?.trim() ?? '';
  if (!env.GEMINI_API_KEY?.trim() && !LOOPBACK.test(baseUrl)) {
    throw new WorkerConfigError(
      'GEMINI_API_KEY is not set: run `wrangler secret put GEMINI_API_KEY -c relay/wrangler.toml`',
    );
  }
  let config: RelayConfig;
  try {
    config = configFromEnv(stringVars(env), { relaySecret: secret, simulatorBaseUrl: baseUrl });
  } catch (error) {
    throw new WorkerConfigError(error instanceof Error ? error.message : String(error));
  }
  if (config.reconnectGraceMs > MAX_GRACE_ON_WORKERS_MS) {
    throw new WorkerConfigError(
      `RECONNECT_GRACE_MS must be at most ${MAX_GRACE_ON_WORKERS_MS} on Workers: an idle Durable Object is evicted soon after`,
    );
  }
  return config;
}

/** Workers collect console output (`wrangler tail`, Workers Logs): each JSON log line is one console.log. */
export function workerLogSink(line: string): void {
  // biome-ignore lint/suspicious/noConsole: console is the log sink on Workers
  console.log(line);
}

const runtimes = new WeakMap<WorkerEnv, RelayRuntime>();

/** One runtime per env object (one per isolate in practice), so the Worker's rate limits persist. */
export function relayRuntime(env: WorkerEnv): RelayRuntime {
  let runtime = runtimes.get(env);
  if (!runtime) {
    const config = workerConfig(env);
    const logger = createLogger(workerLogSink, [config.geminiApiKey, config.relaySecret]);
    runtime = { config, logger, signer: new TokenSigner(config.relaySecret), catalog: bundledTemplates };
    runtimes.set(env, runtime);
  }
  return runtime;
}
