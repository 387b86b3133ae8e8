/**
 * `npm run dev:edge`: the Worker in `wrangler dev`, locally and offline. Like `npm start`, it reads the
 * process environment: without GEMINI_API_KEY it starts the simulated interviewer on a loopback port and
 * points the Worker at it. RELAY_SECRET defaults to a random per-run secret. Secrets reach wrangler through
 * a private env file under .wrangler/, never on the command line. Extra arguments go to `wrangler dev`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../fake-gemini/index';
import { assembleEdgeAssets } from './build-edge-assets';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const stateDir = join(repoRoot, '.wrangler');

async function main(): Promise<void> {
  const env = process.env;
  const key = env.GEMINI_API_KEY?.trim() ?? '';
  const simulator = key ? undefined : await startSimulator();
  const files = await assembleEdgeAssets().catch(async (error: unknown) => {
    process.stderr.write(
      `  note: ${error instanceof Error ? error.message : String(error)}; serving a placeholder\n`,
    );
    return assembleEdgeAssets(undefined, { placeholderWidget: true });
  });
  const secrets = [`RELAY_SECRET=${env.RELAY_SECRET?.trim() || randomBytes(32).toString('base64url')}`];
  if (key) secrets.push(`GEMINI_API_KEY=${key}`);
  await mkdir(join(stateDir, 'dev-edge'), { recursive: true });
  const envFile = join(stateDir, 'dev-edge', 'secrets.env');
  await writeFile(envFile, `${secrets.join('\n')}\n`, { mode: 0o600 });

  const vars: string[] = [];
  for (const name of ['GEMINI_MODEL', 'GEMINI_REPORT_MODEL', 'ALLOWED_ORIGINS', 'RECONNECT_GRACE_MS']) {
    const value = env[name];
    if (value !== undefined) vars.push('--var', `${name}:${value}`);
  }
  const baseUrl = simulator?.baseUrl ?? env.GEMINI_BASE_URL;
  if (baseUrl) vars.push('--var', `GEMINI_BASE_URL:${baseUrl}`);
  process.stdout.write(
    [
      '',
      `  voice-interview on workerd (wrangler dev), ${files.length} static files`,
      `  mode:   ${simulator ? `simulated interviewer at ${simulator.baseUrl} (set GEMINI_API_KEY for Gemini Live)` : 'Gemini Live'}`,
      '',
    ].join('\n'),
  );
  const wrangler = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'dev',
      '-c',
      join(repoRoot, 'relay', 'wrangler.toml'),
      '--env-file',
      envFile,
      '--port',
      env.PORT ?? '8787',
      '--ip',
      env.HOST ?? '127.0.0.1',
      '--persist-to',
      join(stateDir, 'state'),
      ...vars,
      ...process.argv.slice(2),
    ],
    {
      stdio: ['inherit', 'inherit', 'inherit'],
      env: {
        ...env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        XDG_CONFIG_HOME: env.XDG_CONFIG_HOME ?? join(stateDir, 'config'),
      },
    },
  );
  const stop = (signal: NodeJS.Signals): void => {
    wrangler.kill(signal);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  wrangler.once('exit', (code) => {
    void Promise.resolve(simulator?.close()).finally(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`dev:edge failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
