/**
 * `npm run build:edge`: assembles the static assets, bundles the Worker exactly as a deploy would
 * (`wrangler deploy --dry-run`, offline) into dist/worker/, prints its size, and fails when a Node-only
 * module slipped into the bundle. Run `npm run build` first (the widget is one of the assets).
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { assembleEdgeAssets } from './build-edge-assets';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Absolute: wrangler resolves a relative --outdir against the config's folder for the bundle. */
const OUT_DIR = join(repoRoot, 'dist', 'worker');

/** Imports the Worker must not have: it runs without nodejs_compat, and these are server-only packages. */
const NODE_ONLY =
  /\b(?:from|import|require\()\s*["'](node:[\w/]+|ws|fs|path|http|https|net|tls|crypto|stream|buffer)["']/g;

async function main(): Promise<void> {
  const files = await assembleEdgeAssets();
  process.stdout.write(`static assets: ${files.join(', ')}\n`);
  const wrangler = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      OUT_DIR,
      '-c',
      join(repoRoot, 'relay', 'wrangler.toml'),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? join(repoRoot, '.wrangler', 'config'),
      },
    },
  );
  if (wrangler.status !== 0) throw new Error(`wrangler deploy --dry-run exited with ${wrangler.status}`);
  const bundle = await readFile(join(OUT_DIR, 'worker.js'));
  const leaked = [...bundle.toString('utf8').matchAll(NODE_ONLY)].map((match) => match[1]);
  if (leaked.length > 0)
    throw new Error(`Node-only modules in the Worker bundle: ${[...new Set(leaked)].join(', ')}`);
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  process.stdout.write(
    `\nWorker bundle dist/worker/worker.js: ${kib(bundle.byteLength)}, ${kib(gzipSync(bundle, { level: 9 }).byteLength)} gzip; no Node-only imports\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`build:edge failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
