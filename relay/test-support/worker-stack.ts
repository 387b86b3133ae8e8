/**
 * Starts the fake Gemini and the Worker (entry + Durable Object) in workerd through Miniflare, wired
 * together like `startNodeStack`, recording every log line the Worker writes. The Worker is bundled with
 * esbuild under wrangler's conditions (workerd, worker, browser), so the SDK's web build runs, as deployed.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import type { RelayConfig } from '../core/config';
import { assembleEdgeAssets } from '../edge-tools/build-edge-assets';
import { startFakeGemini } from '../fake-gemini/index';
import { CANARY_KEY, type RelayStack, type StackOptions } from './node-stack';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER_TOML = join(repoRoot, 'relay', 'wrangler.toml');
const WORKER_ENTRY = join(repoRoot, 'relay', 'worker', 'worker.ts');
/** Gitignored scratch space (bundles, assets, Durable Object state), one folder per stack. */
const SCRATCH = join(repoRoot, '.wrangler', 'tmp');

export interface WorkerStack extends RelayStack {
  miniflare: Miniflare;
  /**
   * Restarts workerd with the same config and storage, on the same URL: every Durable Object loses its
   * memory (and its upstream socket), as in a deploy or a runtime restart.
   */
  restart(): Promise<void>;
}

/** Settings the stack takes from wrangler.toml, so tests run the Worker as it is configured for deploy. */
interface WranglerSettings {
  compatibilityDate: string;
  runWorkerFirst: string[];
  vars: Record<string, string>;
}

async function readWranglerSettings(): Promise<WranglerSettings> {
  const toml = await readFile(WRANGLER_TOML, 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const first = /^run_worker_first\s*=\s*(\[[^\]]*\])/m.exec(toml)?.[1];
  const varsBlock = /^\[vars\]\n((?:(?!\[).*\n)*)/m.exec(toml)?.[1] ?? '';
  if (!date || !first)
    throw new Error('relay/wrangler.toml: compatibility_date or run_worker_first not found');
  const vars: Record<string, string> = {};
  for (const match of varsBlock.matchAll(/^([A-Z_]+)\s*=\s*"([^"]*)"/gm))
    vars[match[1] as string] = match[2] as string;
  return { compatibilityDate: date, runWorkerFirst: JSON.parse(first) as string[], vars };
}

let bundled: Promise<string> | undefined;

/** Bundles the Worker once per test process, the way wrangler does. */
function bundleWorker(): Promise<string> {
  bundled ??= (async () => {
    await mkdir(SCRATCH, { recursive: true });
    const outDir = await mkdtemp(join(SCRATCH, 'bundle-'));
    const outfile = join(outDir, 'worker.js');
    await build({
      entryPoints: [WORKER_ENTRY],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      target: 'es2022',
      external: ['cloudflare:*'],
      logLevel: 'silent',
    });
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    return outfile;
  })();
  return bundled;
}

/** RelayConfig fields as the Worker's env vars (the names `configFromEnv` reads). */
function configVars(config: Partial<RelayConfig>): Record<string, string> {
  const vars: Record<string, string> = {};
  const set = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) vars[name] = String(value);
  };
  set('GEMINI_API_KEY', config.geminiApiKey);
  set('GEMINI_BASE_URL', config.geminiBaseUrl);
  set('GEMINI_MODEL', config.geminiModel);
  set('GEMINI_REPORT_MODEL', config.geminiReportModel);
  set('RELAY_SECRET', config.relaySecret);
  set('TOKEN_TTL_SEC', config.tokenTtlSec);
  set('RECONNECT_GRACE_MS', config.reconnectGraceMs);
  set('MAX_SESSIONS', config.maxSessions);
  set('CREATE_RATE_PER_MINUTE', config.createRatePerMinute);
  set('HEARTBEAT_MS', config.heartbeatMs);
  set('PUBLIC_URL', config.publicUrl);
  set('MAX_SESSIONS_PER_CLIENT', config.maxSessionsPerClient);
  if (config.allowedHosts !== undefined) set('ALLOWED_HOSTS', config.allowedHosts.join(','));
  if (config.frameAncestors !== undefined) set('FRAME_ANCESTORS', config.frameAncestors);
  set('WRAP_UP_GRACE_MS', config.wrapUpGraceMs);
  if (config.allowedOrigins !== undefined)
    set('ALLOWED_ORIGINS', config.allowedOrigins === '*' ? '*' : config.allowedOrigins.join(','));
  if (config.simulated !== undefined) throw new Error('`simulated` follows from GEMINI_API_KEY on Workers');
  return vars;
}

/** Every line workerd prints (the Worker's console.log among them) goes to `sink`. */
function collectLines(stream: Readable, sink: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', sink);
}

export async function startWorkerStack(options: StackOptions = {}): Promise<WorkerStack> {
  const fake = await startFakeGemini({ requireApiKey: CANARY_KEY, ...options.fake });
  const [scriptPath, settings] = await Promise.all([bundleWorker(), readWranglerSettings()]);
  const scratch = await mkdtemp(join(SCRATCH, 'stack-'));
  const assets = join(scratch, 'assets');
  await assembleEdgeAssets(assets, { placeholderWidget: true });
  const logs: string[] = [];
  const bindings = {
    ...settings.vars,
    ...configVars({
      geminiApiKey: CANARY_KEY,
      geminiBaseUrl: fake.baseUrl,
      allowedOrigins: ['http://allowed.test'],
      relaySecret: 'test-relay-secret-of-at-least-32-bytes',
      // Every test client is the same client: the per-client cap has its own test.
      maxSessionsPerClient: 100,
      ...options.relay,
    }),
  };
  const miniflareOptions: MiniflareOptions = {
    modules: true,
    scriptPath,
    compatibilityDate: settings.compatibilityDate,
    bindings,
    durableObjects: { SESSIONS: 'SessionObject', QUOTA: 'QuotaObject' },
    assets: {
      directory: assets,
      binding: 'ASSETS',
      routerConfig: { has_user_worker: true, static_routing: { user_worker: settings.runWorkerFirst } },
    },
    host: '127.0.0.1',
    port: 0,
    defaultPersistRoot: join(scratch, 'state'),
    handleRuntimeStdio(stdout, stderr) {
      collectLines(stdout, (line) => logs.push(line));
      collectLines(stderr, (line) => logs.push(line));
    },
  };
  const miniflare = new Miniflare(miniflareOptions);
  let url: URL;
  try {
    url = await miniflare.ready;
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    url: url.origin,
    fake,
    logs,
    miniflare,
    async restart() {
      await miniflare.setOptions({ ...miniflareOptions, port: url.port ? Number(url.port) : 0 });
    },
    async close() {
      await miniflare.dispose();
      await fake.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
