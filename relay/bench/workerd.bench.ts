/**
 * Part of `npm run bench`: the Worker + Durable Object relay in workerd (through Miniflare, as the tests run
 * it) against the fake Gemini on loopback.
 * - the latency it adds, each direction, WebSocket and SSE + POST (the same probes as the Node relay's);
 * - CPU inside workerd per session-second: SESSIONS sessions stream 20 ms candidate frames in real time for
 *   SECONDS while the fake answers with interviewer audio; workerd's own CPU (utime + stime of the workerd
 *   processes, from /proc) over the window, divided by session-seconds; and what an interview hour costs.
 * Linux only (/proc).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startWorkerStack } from '../test-support/worker-stack';
import { openSessions, probeLatency, streamRealTime } from './latency-probes';

const quick = process.argv.includes('--quick');
const SESSIONS = Number(process.env.BENCH_WORKERD_SESSIONS ?? 20);
// 10 s: about 1 s of workerd CPU, a hundred 10 ms ticks (1 % resolution).
const SECONDS = quick ? 5 : 10;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** The workerd processes Miniflare started for this process (children of ours, at any depth). */
function workerdPids(): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm ?? '' }));
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows)
      if (ours.has(row.ppid) && !ours.has(row.pid)) {
        ours.add(row.pid);
        grew = true;
      }
  }
  return rows.filter((r) => ours.has(r.pid) && r.comm.startsWith('workerd')).map((r) => r.pid);
}

/** CPU milliseconds (user + system) a process has used so far. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
}

const report = (name: string, value: string) => process.stdout.write(`workerd ${name}: ${value}\n`);
const stack = await startWorkerStack({
  fake: { script: [{ interviewer: 'Hello.' }, { interviewer: 'Go on.' }], interruptibleUntil: 'generated' },
  relay: { createRatePerMinute: 100_000, maxSessions: 1000, maxSessionsPerClient: 1000 },
});
try {
  const pids = workerdPids();
  if (pids.length === 0) throw new Error('no workerd process found under this one');
  await probeLatency(stack, report, ['websocket', 'sse'], quick ? 50 : 200);

  const clients = await openSessions(stack, SESSIONS);
  const cpu0 = pids.map(cpuMs);
  const { wallMs } = await streamRealTime(clients, SECONDS);
  const wallS = wallMs / 1000;
  const used = pids.map(cpuMs).reduce((sum, ms, i) => sum + ms - (cpu0[i] ?? 0), 0);
  const downBytes = clients.reduce((sum, c) => sum + c.audioBytes().byteLength, 0);
  for (const client of clients) client.close();
  const perSessionSecond = used / (SESSIONS * wallS);
  report(
    `CPU per session-second (Durable Object path, ${SESSIONS} sessions × ${wallS.toFixed(1)} s, 20 ms frames up, ` +
      `${(downBytes / 2 ** 20).toFixed(1)} MiB interviewer audio down)`,
    `${perSessionSecond.toFixed(2)} ms; an interview hour costs ${((perSessionSecond * 3600) / 1000).toFixed(1)} s of CPU ` +
      `(CPU-tick resolution ${(1000 / CLOCK_TICKS).toFixed(0)} ms over ${used.toFixed(0)} ms measured)`,
  );
} finally {
  await stack.close();
}
