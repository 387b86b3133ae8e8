/**
 * `npm run bench [-- --quick]`: the relay measured from outside, next to its baselines in the same run.
 * The fake Gemini, the load generator and each relay are separate processes (relay/bench/load/); windows
 * of ours and of each baseline are interleaved so a busy machine slows them alike. Prints one table,
 * writes bench/results.json and docs/benchmarks-capacity.svg. docs/benchmarks.md explains the method.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audioFigures, audioRows } from './audio-rows';
import { capacityChart } from './capacity-chart';
import { type BenchChild, spawnChild } from './load/child-rpc';
import type { AnswerSchedule } from './load/loadgen-proc';
import { type Procs, runWindow, type WindowResult, type WindowSpec } from './load/windows';
import { printReport } from './print-report';
import { measureResampler } from './resampler-quality.bench';
import { runSideBenches } from './side-benches';
import { sideFigures, sideRows } from './side-rows';

// `npm run bench -- --quick`, or `npm run bench --quick` (npm then passes it as npm_config_quick).
const quick = process.argv.includes('--quick') || process.env.npm_config_quick === 'true';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const load = (file: string) => join(here, 'load', file);

/**
 * The memory section's candidates: silent through the greeting (~3.5 s), then a 4 s answer every 10 s; the
 * fake waits the template's 1.6 s of silence and asks a 2–4 s question, which ends before the next answer.
 */
const ANSWERS: AnswerSchedule = { firstMs: 4_000, cycleMs: 10_000, speechMs: 4_000 };
/** Every session's first answer has ended in a question, a turn end and a handle by then (≤ 19.3 s). */
const MEMORY_SEC = 22;

const plan = quick
  ? { rounds: 1, latencySec: 5, capacity: [100, 250], capacitySec: 5, memorySec: 0 }
  : { rounds: 2, latencySec: 8, capacity: [100, 250, 500, 1000], capacitySec: 8, memorySec: MEMORY_SEC };
/** SSE uplink frames per POST: ours as the widget sends them; the seed's widget posted 100 ms batches. */
const OURS_SSE_BATCH = Number(process.env.BENCH_SSE_BATCH ?? 2);
const SEED_SSE_BATCH = 5;
/** SSE sessions in the latency section: enough to load the path, few enough that the load generator's fetch keeps up. */
const SSE_SESSIONS = 20;

const children: BenchChild[] = [];
/** BENCH_PROFILE=dir writes a CPU profile of each relay process there (for finding what to make lean). */
const profile = process.env.BENCH_PROFILE;
/** BENCH_HEAP=dir: each relay of the memory section writes a heap snapshot there, its sessions still live. */
const heapDir = process.env.BENCH_HEAP;
/**
 * BENCH_ONLY=ours-ws,naive-ws limits the latency section to those targets and skips the rest (for profiling
 * and before/after comparisons of one lever); `memory` in the list runs the memory section too. A partial run
 * writes its results to bench/results-only.json, leaving the full run's files alone.
 */
const only = process.env.BENCH_ONLY?.split(',');
/**
 * BENCH_WS_SESSIONS=250 (with BENCH_ONLY) runs the WebSocket windows at another count, for experiments: the
 * table's labels and the capacity ramp assume 100, so a full run ignores it.
 */
const WS_SESSIONS = only ? Number(process.env.BENCH_WS_SESSIONS ?? 100) : 100;
/** BENCH_RELAY_FLAGS='--trace-gc' passes Node/V8 flags to each relay process (NODE_OPTIONS refuses V8's). */
const relayFlags = process.env.BENCH_RELAY_FLAGS?.split(' ').filter(Boolean) ?? [];
const spawn = async (name: string, file: string, args: string[] = []) => {
  const relay = file.endsWith('relay-proc.ts');
  const prof = profile && relay ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = await spawnChild(name, file, args, [...prof, ...(relay ? relayFlags : [])]);
  children.push(child);
  return child;
};

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Wall time of each section of the run (seconds), printed at the end and kept in results.json. */
const sections: { name: string; seconds: number }[] = [];
let lapStarted = performance.now();
/** Ends the section that ran since the previous lap, under `name`. */
function lap(name: string): void {
  const now = performance.now();
  sections.push({ name, seconds: Math.round((now - lapStarted) / 100) / 10 });
  lapStarted = now;
}

function brief(r: WindowResult): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  return (
    `${r.kind} ×${r.sessions}: relay ${f(r.relayCpuMs)} ms/session-s, up p50/p99 ${f(r.uplink.p50)}/${f(r.uplink.p99)}, ` +
    // An interview's downlink is the fake's own speech, which carries no send stamps: no latency to show.
    (r.answers ? '' : `down ${f(r.downlink.p50)}/${f(r.downlink.p99)} ms, `) +
    `cores relay/fake/loadgen ${f(r.cores.relay)}/${f(r.cores.fake)}/${f(r.cores.loadgen)}, ` +
    (r.relayLoop
      ? `relay loop delay p99/max ${f(r.relayLoop.delayP99)}/${f(r.relayLoop.delayMax)} ms, ` +
        `GC ${r.relayLoop.gcCount}× ${f(r.relayLoop.gcMs)} ms (max ${f(r.relayLoop.gcMaxMs)}; ` +
        `${r.relayLoop.gcMajorCount} full, max ${f(r.relayLoop.gcMajorMaxMs)}), `
      : '') +
    `errors ${r.errors}${r.sustained ? '' : ' NOT SUSTAINED'}` +
    (r.errorSamples.length ? ` (${r.errorSamples[0]})` : '')
  );
}

try {
  const fake = await spawn('fake', load('fake-proc.ts'));
  const fakeUrl = (fake.info as { url: string }).url;
  const [ours, oursBatched, naive, pipe, tcpPipe, seed, loadgen] = await Promise.all([
    spawn('ours', load('relay-proc.ts'), ['ours', fakeUrl]),
    spawn('ours-batched', load('relay-proc.ts'), ['ours', fakeUrl, '40']),
    spawn('naive', load('relay-proc.ts'), ['naive', fakeUrl]),
    spawn('pipe', load('relay-proc.ts'), ['pipe', fakeUrl]),
    spawn('tcp-pipe', load('relay-proc.ts'), ['tcp-pipe', fakeUrl]),
    spawn('seed', load('relay-proc.ts'), ['seed', fakeUrl]),
    spawn('loadgen', load('loadgen-proc.ts')),
  ]);
  lap('start-up (fake, relays, load generator)');
  const procs: Procs = { fake, loadgen, relays: { ours, oursBatched, naive, pipe, tcpPipe, seed } };
  const run = async (spec: WindowSpec) => {
    const result = await runWindow(procs, spec);
    log(`  ${brief(result)}`);
    return result;
  };

  log(
    `latency and cost at 100 sessions, SSE at ${SSE_SESSIONS} (${plan.rounds} round(s) × ${plan.latencySec} s per target)`,
  );
  const latency: WindowResult[] = [];
  for (let round = 0; round < plan.rounds; round++) {
    for (const spec of [
      { kind: 'direct', sessions: WS_SESSIONS },
      { kind: 'ours-ws', sessions: WS_SESSIONS },
      { kind: 'ours-ws-batched', sessions: WS_SESSIONS },
      { kind: 'naive-ws', sessions: WS_SESSIONS },
      { kind: 'pipe-ws', sessions: WS_SESSIONS },
      { kind: 'tcp-pipe-ws', sessions: WS_SESSIONS },
      { kind: 'direct', sessions: SSE_SESSIONS },
      { kind: 'ours-sse', sessions: SSE_SESSIONS, batchFrames: OURS_SSE_BATCH },
      { kind: 'seed-sse', sessions: SSE_SESSIONS, batchFrames: SEED_SSE_BATCH },
    ] as const) {
      if (only && !only.includes(spec.kind)) continue;
      // One window each for an opt-in lever (its trade: CPU against uplink latency) and for the pipe (a
      // reference, the hops alone); the shipped path and the naive relay it is judged against get two.
      if ((spec.kind === 'ours-ws-batched' || spec.kind === 'pipe-ws') && round > 0 && !only) continue;
      // `--quick` stays about a minute without the pipe (~9 s: its figures then read "—").
      if (spec.kind === 'pipe-ws' && quick && !only) continue;
      // The kernel's floor is an experiment (BENCH_ONLY=direct,tcp-pipe-ws), not part of every run.
      if (spec.kind === 'tcp-pipe-ws' && !only) continue;
      latency.push(await run({ ...spec, seconds: plan.latencySec }));
    }
  }

  lap('latency and cost');
  log(`capacity ramp (${plan.capacity.join(', ')} sessions × ${plan.capacitySec} s)`);
  const capacity: WindowResult[] = [];
  const stopped = new Set<string>();
  for (const sessions of only ? [] : plan.capacity) {
    // The floor is only there to be subtracted: once no relay is left in the ramp, it stops too.
    if (stopped.has('ours-ws') && stopped.has('naive-ws')) break;
    for (const kind of ['direct', 'ours-ws', 'naive-ws'] as const) {
      if (stopped.has(kind)) continue;
      // The latency section's last round already ran this step (same target, count and length): reuse it.
      const same = latency.findLast(
        (w) => w.kind === kind && w.sessions === sessions && w.seconds === plan.capacitySec,
      );
      const result = same ?? (await run({ kind, sessions, seconds: plan.capacitySec }));
      capacity.push(result);
      if (!result.sustained) stopped.add(kind);
    }
  }

  lap('capacity ramp');
  const memory: WindowResult[] = [];
  const memorySec = plan.memorySec || (only?.includes('memory') ? MEMORY_SEC : 0);
  if (memorySec > 0 && (!only || only.includes('memory'))) {
    log(`memory: 100 sessions in an interview (answers, questions, turn ends) for ${memorySec} s`);
    // Its own fake, whose turn-taking answers; fresh relays: ended sessions linger in the old ones (late
    // reconnects) and would skew the baseline.
    const interviewFake = await spawn('fake-interview', load('fake-proc.ts'), ['interview']);
    const interviewUrl = (interviewFake.info as { url: string }).url;
    const [freshOurs, freshNaive] = await Promise.all([
      spawn('ours-memory', load('relay-proc.ts'), ['ours', interviewUrl]),
      spawn('naive-memory', load('relay-proc.ts'), ['naive', interviewUrl]),
    ]);
    const fresh: Procs = {
      ...procs,
      fake: interviewFake,
      relays: { ...procs.relays, ours: freshOurs, naive: freshNaive },
    };
    for (const kind of ['ours-ws', 'naive-ws'] as const) {
      const result = await runWindow(fresh, {
        kind,
        sessions: 100,
        seconds: memorySec,
        answers: ANSWERS,
        ...(heapDir ? { heapSnapshotDir: heapDir } : {}),
      });
      log(
        `  ${brief(result)}; per session: live ${result.livePerSessionKb.toFixed(0)} KB ` +
          `(heap ${result.heapPerSessionKb.toFixed(0)}, buffers ${result.buffersPerSessionKb.toFixed(0)}), ` +
          `RSS ${result.rssPerSessionKb.toFixed(0)} KB, ${result.turnsPerSession.toFixed(1)} turns ended`,
      );
      memory.push(result);
    }
  }

  lap('memory');
  for (const child of children) child.stop();
  children.length = 0;
  const side = only ? [] : await runSideBenches(root, log, quick);
  for (const s of side) sections.push({ name: s.name, seconds: s.seconds });
  lapStarted = performance.now();
  log('resampler (widget/src/audio/resampler.ts, in Node)');
  const resampler = measureResampler();
  lap('resampler');

  const results = {
    date: new Date().toISOString(),
    quick,
    node: process.version,
    machine: await import('node:os').then((os) => ({ cpus: os.cpus().length, model: os.cpus()[0]?.model })),
    oursSseBatchFrames: OURS_SSE_BATCH,
    latency,
    capacity,
    memory,
    side,
    resampler,
    sections,
  };
  const summary = {
    ...printReport(results, [...audioRows(resampler, side), ...sideRows(side)]),
    ...audioFigures(resampler, side),
    ...sideFigures(side),
  };
  mkdirSync(join(root, 'bench'), { recursive: true });
  if (only) {
    writeFileSync(
      join(root, 'bench/results-only.json'),
      `${JSON.stringify({ ...results, only, summary }, null, 2)}\n`,
    );
    log('wrote bench/results-only.json (partial run)');
  } else {
    writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify({ ...results, summary }, null, 2)}\n`);
    writeFileSync(join(root, 'docs/benchmarks-capacity.svg'), capacityChart(capacity));
    log('wrote bench/results.json and docs/benchmarks-capacity.svg');
  }
  const total = sections.reduce((sum, x) => sum + x.seconds, 0);
  log(`wall time ${total.toFixed(0)} s: ${sections.map((x) => `${x.name} ${x.seconds} s`).join(', ')}`);
} finally {
  for (const child of children) child.stop();
}
