/**
 * The benches that measure other parts (widget in Chromium, audio timing, startup), run as they always
 * ran, one process each; their output lines are folded into the report.
 */
import { spawnSync } from 'node:child_process';

const SIDE = [
  ['relay startup', 'relay/bench/node-startup.bench.ts'],
  ['simulator delay', 'relay/bench/simulator-delay.bench.ts'],
  ['SSE uplink batch wait', 'widget/bench/sse-batch-wait.bench.ts'],
  ['audio timing (Chromium)', 'widget/bench/audio-timing.bench.ts'],
  ['transport fallback (Chromium)', 'widget/bench/transport-fallback.bench.ts'],
] as const;

export async function runSideBenches(
  root: string,
  log: (line: string) => void,
): Promise<{ name: string; lines: string[]; ok: boolean }[]> {
  const out: { name: string; lines: string[]; ok: boolean }[] = [];
  for (const [name, file] of SIDE) {
    log(`${name} (${file})`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    const lines = `${run.stdout}`.split('\n').filter((l) => l.trim() !== '');
    if (run.status !== 0)
      lines.push(`exit ${run.status}: ${`${run.stderr}`.trim().split('\n').slice(-2).join(' ')}`);
    out.push({ name, lines, ok: run.status === 0 });
  }
  return out;
}
