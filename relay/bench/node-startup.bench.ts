/**
 * `npm run bench:startup`: the production bundle (`node dist/relay/node.mjs`, see relay/node-tools/) against the
 * sources through tsx (`node --import tsx relay/node/main.ts`, what `npm start` ran before): time from spawn to
 * the first answer from /healthz, and the process's resident memory at that moment. Both start the offline
 * simulator too (no GEMINI_API_KEY), so they do the same work. Linux only for RSS (/proc).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildNodeRelay, NODE_RELAY_ENTRY } from '../node-tools/build-node-relay';
import { spawnRelayProcess } from '../test-support/relay-process';

const RUNS = 7;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'vi-startup-bench-'));
// The widget is only copied, never run: a stand-in keeps the bench independent of `npm run build`.
mkdirSync(join(work, 'widget'));
writeFileSync(join(work, 'widget', 'voice-interview.js'), 'export {};\n');
const built = await buildNodeRelay({ outDir: join(work, 'relay'), widgetDir: join(work, 'widget') });

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function measure(label: string, args: string[], cwd: string): Promise<void> {
  const startup: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const relay = await spawnRelayProcess(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1' },
    });
    startup.push(performance.now() - t0);
    rss.push(rssMiB(relay.child.pid));
    await relay.stop();
  }
  process.stdout.write(
    `${label}: startup median ${median(startup).toFixed(0)} ms (min ${Math.min(...startup).toFixed(0)}, ` +
      `max ${Math.max(...startup).toFixed(0)}), RSS median ${median(rss).toFixed(1)} MiB (n=${RUNS})\n`,
  );
}

try {
  process.stdout.write(`bundle ${built.entry}: ${(built.bytes / 1024).toFixed(0)} KiB\n`);
  await measure('node dist/relay/node.mjs', [NODE_RELAY_ENTRY], built.outDir);
  await measure('node --import tsx relay/node/main.ts', ['--import', 'tsx', 'relay/node/main.ts'], repoRoot);
} finally {
  rmSync(work, { recursive: true, force: true });
}
