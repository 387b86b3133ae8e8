/**
 * The benches that measure other parts (widget in Chromium, audio timing, startup), run as they always
 * ran, one process each; their output lines are folded into the report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface SideResult {
  name: string;
  lines: string[];
  ok: boolean;
  /** Wall time of the side bench. */
  seconds: number;
}

/** The one-file bundle, built first on a checkout that has none yet (`npm run build`, a few seconds). */
function bundleSizes(root: string): SideResult {
  const file = join(root, 'dist/voice-interview.js');
  if (!existsSync(file)) spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
  if (!existsSync(file))
    return {
      name: 'widget bundle',
      lines: ['dist/voice-interview.js missing: npm run build failed (run it to see why)'],
      ok: false,
      seconds: 0,
    };
  const code = readFileSync(file);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const gz = gzipSync(code, { level: 9 }).byteLength;
  const br = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;
  return {
    name: 'widget bundle',
    lines: [`dist/voice-interview.js: ${kb(code.byteLength)}, ${kb(gz)} gzip -9, ${kb(br)} brotli -11`],
    ok: true,
    seconds: 0,
  };
}

/** Name, file, and whether it is cheap enough for `--quick`. */
const SIDE = [
  ['Gemini rollover silence', 'relay/bench/resilience.bench.ts', true],
  ['relay startup', 'relay/bench/node-startup.bench.ts'],
  ['relay in workerd (Durable Object path)', 'relay/bench/workerd.bench.ts'],
  ['simulator delay', 'relay/bench/simulator-delay.bench.ts'],
  ['SSE uplink batch wait', 'widget/bench/sse-batch-wait.bench.ts'],
  ['audio timing (Chromium)', 'widget/bench/audio-timing.bench.ts'],
  ['widget main thread (Chromium)', 'widget/bench/main-thread.bench.ts'],
  ['transport fallback (Chromium)', 'widget/bench/transport-fallback.bench.ts'],
] as const;

export async function runSideBenches(
  root: string,
  log: (line: string) => void,
  quick = false,
): Promise<SideResult[]> {
  const out: SideResult[] = [bundleSizes(root)];
  for (const [name, file, cheap] of SIDE) {
    if (quick && !cheap) continue;
    log(`${name} (${file})`);
    const t0 = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    const lines = `${run.stdout}`.split('\n').filter((l) => l.trim() !== '');
    if (run.status !== 0)
      lines.push(`exit ${run.status}: ${`${run.stderr}`.trim().split('\n').slice(-2).join(' ')}`);
    out.push({ name, lines, ok: run.status === 0, seconds: Math.round((performance.now() - t0) / 100) / 10 });
  }
  return out;
}
