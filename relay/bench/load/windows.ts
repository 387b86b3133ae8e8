/**
 * One measured window: N sessions of one target connect, then stream both ways in real time for T seconds
 * while the CPU time of each process is read before and after. What the bench tables are made of.
 */

import type { TargetKind } from './bench-sessions';
import type { BenchChild, LoopStats, ProcStats } from './child-rpc';
import type { AnswerSchedule } from './loadgen-proc';
import type { LatencySummary } from './stamp';

export interface Procs {
  fake: BenchChild;
  loadgen: BenchChild;
  relays: Record<RelayName, BenchChild>;
}

export type RelayName = 'ours' | 'oursBatched' | 'naive' | 'pipe' | 'tcpPipe' | 'seed';
const RELAY_OF: Record<TargetKind, RelayName | undefined> = {
  direct: undefined,
  'pipe-ws': 'pipe',
  'tcp-pipe-ws': 'tcpPipe',
  'ours-ws': 'ours',
  'ours-ws-batched': 'oursBatched',
  'ours-sse': 'ours',
  'naive-ws': 'naive',
  'seed-sse': 'seed',
};

export interface WindowSpec {
  kind: TargetKind;
  sessions: number;
  seconds: number;
  /** SSE uplink: frames per POST. */
  batchFrames?: number;
  /** Interviewer audio pace (1 = real time). */
  pace?: number;
  /** The candidates answer on this schedule (the interview fake replies): see loadgen-proc.ts. */
  answers?: AnswerSchedule;
  /** A folder: the relay writes a heap snapshot there at the end of the window, sessions still live. */
  heapSnapshotDir?: string;
}

export interface WindowResult extends WindowSpec {
  connected: number;
  /** Relay CPU per session-second (ms); NaN for the direct floor. */
  relayCpuMs: number;
  /** Share of one core used by each process during the window. */
  cores: { relay: number; fake: number; loadgen: number };
  rssPerSessionKb: number;
  livePerSessionKb: number;
  /** livePerSessionKb split: JS heap, and ArrayBuffer contents. */
  heapPerSessionKb: number;
  buffersPerSessionKb: number;
  uplink: LatencySummary;
  downlink: LatencySummary;
  delivered: { uplink: number; downlink: number };
  /** Interviewer turns that ended per session during the window (ours; 0 where the target does not say). */
  turnsPerSession: number;
  errors: number;
  errorSamples: string[];
  sustained: boolean;
  /** The relay's event loop over the window (undefined for the direct floor). */
  relayLoop?: LoopStats;
}

function relayOf(procs: Procs, kind: TargetKind): BenchChild | undefined {
  const name = RELAY_OF[kind];
  return name ? procs.relays[name] : undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the fake holds no connection: the previous window's sessions are gone. */
async function drained(procs: Procs): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await procs.fake.call<number>('connections')) === 0) return;
    await pause(100);
  }
}

export async function runWindow(procs: Procs, spec: WindowSpec): Promise<WindowResult> {
  const relay = relayOf(procs, spec.kind);
  const url = relay ? (relay.info as { url: string }).url : (procs.fake.info as { url: string }).url;
  const idle: ProcStats | undefined = await relay?.stats(true);
  const conn = await procs.loadgen.call<{ connected: number; failed: number }>('connect', {
    kind: spec.kind,
    url,
    count: spec.sessions,
    batchFrames: spec.batchFrames,
    // An interview's candidate hears the greeting inside the window (the schedule waits for it).
    readyBeforeGreeting: spec.answers !== undefined,
  });
  const snap = () => Promise.all([relay?.stats(), procs.fake.stats(), procs.loadgen.stats()]);
  const before = await snap();
  await relay?.call('loopReset');
  const t0 = performance.now();
  await procs.fake.call('start', { pace: spec.pace ?? 1 });
  await procs.loadgen.call('start', spec.answers);
  await pause(spec.seconds * 1000);
  const load = await procs.loadgen.call<{
    downlink: LatencySummary;
    received: number;
    turns: number;
    sent: number;
    errors: number;
    errorSamples: string[];
  }>('stop');
  const fake = await procs.fake.call<{ uplink: LatencySummary; uplinkFrames: number; downlinkSent: number }>(
    'stop',
  );
  const after = await snap();
  const relayLoop = await relay?.call<LoopStats>('loopRead');
  const wall = performance.now() - t0;
  const live = await relay?.stats(true);
  if (spec.heapSnapshotDir) await relay?.call('heapSnapshot', spec.heapSnapshotDir);
  await procs.loadgen.call('close');
  await drained(procs);

  const cpu = (i: 0 | 1 | 2) => ((after[i]?.cpuMs ?? Number.NaN) - (before[i]?.cpuMs ?? Number.NaN)) / wall;
  const n = Math.max(1, conn.connected);
  const delivered = {
    uplink: load.sent > 0 ? fake.uplinkFrames / load.sent : 0,
    // With answers, the fake's own turns speak (no pacer counts them): the downlink is not checked.
    downlink: spec.answers ? 1 : fake.downlinkSent > 0 ? load.received / fake.downlinkSent : 0,
  };
  const errors = load.errors + conn.failed;
  return {
    ...spec,
    connected: conn.connected,
    relayCpuMs: relay ? (cpu(0) * 1000) / n : Number.NaN,
    cores: { relay: cpu(0), fake: cpu(1), loadgen: cpu(2) },
    rssPerSessionKb: idle && live ? (live.rss - idle.rss) / 1024 / n : Number.NaN,
    livePerSessionKb: idle && live ? (live.liveBytes - idle.liveBytes) / 1024 / n : Number.NaN,
    heapPerSessionKb: idle && live ? (live.heapUsed - idle.heapUsed) / 1024 / n : Number.NaN,
    buffersPerSessionKb: idle && live ? (live.arrayBuffers - idle.arrayBuffers) / 1024 / n : Number.NaN,
    uplink: fake.uplink,
    downlink: load.downlink,
    delivered,
    turnsPerSession: load.turns / n,
    errors,
    errorSamples: load.errorSamples,
    sustained:
      conn.connected === spec.sessions &&
      errors === 0 &&
      delivered.uplink >= 0.97 &&
      delivered.downlink >= 0.97 &&
      fake.uplink.p99 < 1000 &&
      (spec.answers !== undefined || load.downlink.p99 < 1000),
    ...(relayLoop ? { relayLoop } : {}),
  };
}
