/** Turns the measured windows into the one table `npm run bench` prints (and the summary in results.json). */
import type { Row } from './audio-rows';
import type { WindowResult } from './load/windows';

export interface BenchResults {
  latency: WindowResult[];
  capacity: WindowResult[];
  memory: WindowResult[];
  side: { name: string; lines: string[] }[];
  oursSseBatchFrames: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const f = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

function avg(windows: WindowResult[], kind: string, pick: (w: WindowResult) => number): number {
  return mean(windows.filter((w) => w.kind === kind).map(pick));
}

/** Added p99 at one capacity step: the worse direction, over the floor at the same count. */
export function addedP99At(capacity: WindowResult[], kind: string, sessions: number): number {
  const w = capacity.find((x) => x.kind === kind && x.sessions === sessions);
  // The floor at the same count; where the load generator and fake alone could not sustain that count, the
  // floor of the largest count they did sustain (conservative: their own queueing then counts against the relay).
  const floor = capacity
    .filter((x) => x.kind === 'direct' && x.sustained && x.sessions <= sessions)
    .sort((a, b) => b.sessions - a.sessions)[0];
  if (!w || !floor) return Number.NaN;
  return Math.max(w.uplink.p99 - floor.uplink.p99, w.downlink.p99 - floor.downlink.p99);
}

function capacityAt20(capacity: WindowResult[], kind: string): number {
  let best = 0;
  for (const w of capacity.filter((x) => x.kind === kind)) {
    if (w.sustained && addedP99At(capacity, kind, w.sessions) <= 20) best = Math.max(best, w.sessions);
  }
  return best;
}

const met = (ok: boolean) => (ok ? 'yes' : 'NO');

export function printReport(r: BenchResults, extraRows: Row[] = []): Record<string, number> {
  const L = r.latency;
  const cpu = (k: string) => avg(L, k, (w) => w.relayCpuMs);
  // The direct floor's uplink and downlink differ in path (the fake decodes JSON either way), so each
  // direction is compared with the same direction of the floor.
  const add = (k: string, dir: 'uplink' | 'downlink', q: 'p50' | 'p99') => {
    const n = L.find((w) => w.kind === k)?.sessions;
    const floor = L.filter((w) => w.kind === 'direct' && w.sessions === n);
    return avg(L, k, (w) => w[dir][q]) - mean(floor.map((w) => w[dir][q]));
  };
  const capOurs = capacityAt20(r.capacity, 'ours-ws');
  const capNaive = capacityAt20(r.capacity, 'naive-ws');
  const memOurs = r.memory.find((w) => w.kind === 'ours-ws');
  const memNaive = r.memory.find((w) => w.kind === 'naive-ws');
  const s = {
    oursWsCpuMs: cpu('ours-ws'),
    oursBatchedCpuMs: cpu('ours-ws-batched'),
    batchedUpAddedP50: add('ours-ws-batched', 'uplink', 'p50'),
    batchedUpAddedP99: add('ours-ws-batched', 'uplink', 'p99'),
    naiveWsCpuMs: cpu('naive-ws'),
    pipeWsCpuMs: cpu('pipe-ws'),
    oursSseCpuMs: cpu('ours-sse'),
    seedSseCpuMs: cpu('seed-sse'),
    oursVsNaiveCpu: cpu('ours-ws') / cpu('naive-ws'),
    oursVsPipeCpu: cpu('ours-ws') / cpu('pipe-ws'),
    oursVsSeedCpu: cpu('ours-sse') / cpu('seed-sse'),
    wsUpAddedP50: add('ours-ws', 'uplink', 'p50'),
    wsUpAddedP99: add('ours-ws', 'uplink', 'p99'),
    wsDownAddedP50: add('ours-ws', 'downlink', 'p50'),
    wsDownAddedP99: add('ours-ws', 'downlink', 'p99'),
    naiveUpAddedP50: add('naive-ws', 'uplink', 'p50'),
    naiveDownAddedP50: add('naive-ws', 'downlink', 'p50'),
    naiveUpAddedP99: add('naive-ws', 'uplink', 'p99'),
    naiveDownAddedP99: add('naive-ws', 'downlink', 'p99'),
    pipeUpAddedP50: add('pipe-ws', 'uplink', 'p50'),
    pipeDownAddedP50: add('pipe-ws', 'downlink', 'p50'),
    pipeUpAddedP99: add('pipe-ws', 'uplink', 'p99'),
    pipeDownAddedP99: add('pipe-ws', 'downlink', 'p99'),
    sseUpAddedP50: add('ours-sse', 'uplink', 'p50'),
    sseUpAddedP99: add('ours-sse', 'uplink', 'p99'),
    sseDownAddedP50: add('ours-sse', 'downlink', 'p50'),
    sseDownAddedP99: add('ours-sse', 'downlink', 'p99'),
    seedUpAddedP50: add('seed-sse', 'uplink', 'p50'),
    seedDownAddedP50: add('seed-sse', 'downlink', 'p50'),
    seedDownAddedP99: add('seed-sse', 'downlink', 'p99'),
    capacityOurs: capOurs,
    capacityNaive: capNaive,
    capacityRatio: capNaive > 0 ? capOurs / capNaive : Number.NaN,
    perCoreOurs: 1000 / cpu('ours-ws'),
    perCoreNaive: 1000 / cpu('naive-ws'),
    perCorePipe: 1000 / cpu('pipe-ws'),
    liveKbOurs: memOurs?.livePerSessionKb ?? Number.NaN,
    rssKbOurs: memOurs?.rssPerSessionKb ?? Number.NaN,
    liveKbNaive: memNaive?.livePerSessionKb ?? Number.NaN,
    rssKbNaive: memNaive?.rssPerSessionKb ?? Number.NaN,
  };
  const batchMs = r.oursSseBatchFrames * 20;
  const rows: Row[] = [
    {
      figure: 'Relay CPU ms per session-second, 100 WS sessions',
      ours: f(s.oursWsCpuMs),
      naive: f(s.naiveWsCpuMs),
      pipe: f(s.pipeWsCpuMs),
      seed: '',
      target: '≤ 1.0',
      met: met(s.oursWsCpuMs <= 1),
    },
    {
      figure: '  ours with uplink batching on (UPLINK_BATCH_MS=40)',
      ours: f(s.oursBatchedCpuMs),
      naive: '',
      seed: '',
      target: '',
      met: '',
    },
    {
      figure: '  ours ÷ naive',
      ours: f(s.oursVsNaiveCpu),
      naive: '',
      seed: '',
      target: '',
      met: '',
    },
    {
      figure: '  ours ÷ pipe (the two socket hops alone)',
      ours: f(s.oursVsPipeCpu),
      naive: '',
      seed: '',
      target: '',
      met: '',
    },
    {
      figure: 'Relay CPU ms per session-second, 20 SSE sessions',
      ours: f(s.oursSseCpuMs),
      naive: '',
      seed: f(s.seedSseCpuMs),
      target: '',
      met: '',
    },
    { figure: '  ours ÷ seed', ours: f(s.oursVsSeedCpu), naive: '', seed: '', target: '', met: '' },
    {
      figure: 'WS added uplink p50 / p99 ms (100 sessions)',
      ours: `${f(s.wsUpAddedP50)} / ${f(s.wsUpAddedP99)}`,
      naive: `${f(s.naiveUpAddedP50)} / ${f(s.naiveUpAddedP99)}`,
      pipe: `${f(s.pipeUpAddedP50)} / ${f(s.pipeUpAddedP99)}`,
      seed: '',
      target: '≤ 0.3 / 2',
      met: met(s.wsUpAddedP50 <= 0.3 && s.wsUpAddedP99 <= 2),
    },
    {
      figure: '  uplink with batching on (40 ms)',
      ours: `${f(s.batchedUpAddedP50)} / ${f(s.batchedUpAddedP99)}`,
      naive: '',
      seed: '',
      target: '',
      met: '',
    },
    {
      figure: 'WS added downlink p50 / p99 ms (100 sessions)',
      ours: `${f(s.wsDownAddedP50)} / ${f(s.wsDownAddedP99)}`,
      naive: `${f(s.naiveDownAddedP50)} / ${f(s.naiveDownAddedP99)}`,
      pipe: `${f(s.pipeDownAddedP50)} / ${f(s.pipeDownAddedP99)}`,
      seed: '',
      target: '≤ 0.3 / 2',
      met: met(s.wsDownAddedP50 <= 0.3 && s.wsDownAddedP99 <= 2),
    },
    {
      figure: 'SSE added downlink p50 / p99 ms (20 sessions)',
      ours: `${f(s.sseDownAddedP50)} / ${f(s.sseDownAddedP99)}`,
      naive: '',
      seed: `${f(s.seedDownAddedP50)} / ${f(s.seedDownAddedP99)}`,
      target: 'p99 ≤ 2',
      met: met(s.sseDownAddedP99 <= 2),
    },
    {
      figure: `SSE added uplink p50 / p99 ms (ours ${batchMs} ms batch, seed 100 ms)`,
      ours: `${f(s.sseUpAddedP50)} / ${f(s.sseUpAddedP99)}`,
      naive: '',
      seed: `${f(s.seedUpAddedP50)} / —`,
      target: 'batch ≤ 40, p50 ≤ 30',
      met: met(batchMs <= 40 && s.sseUpAddedP50 <= 30),
    },
    {
      figure: 'Capacity: most WS sessions with p99 added ≤ 20 ms',
      ours: String(s.capacityOurs),
      naive: String(s.capacityNaive),
      seed: '',
      target: '≥ 2× naive',
      met: met(s.capacityRatio >= 2),
    },
    {
      figure: 'Projected sessions per dedicated core (CPU only)',
      ours: f(s.perCoreOurs, 0),
      naive: f(s.perCoreNaive, 0),
      pipe: f(s.perCorePipe, 0),
      seed: '',
      target: '',
      met: '',
    },
    {
      figure: 'Live memory per session after GC, KB (100 in an interview)',
      ours: f(s.liveKbOurs, 0),
      naive: f(s.liveKbNaive, 0),
      seed: '',
      target: '',
      met: '',
    },
    {
      figure: 'RSS per live session, KB (100 in an interview)',
      ours: f(s.rssKbOurs, 0),
      naive: f(s.rssKbNaive, 0),
      seed: '',
      target: '≤ 1024',
      met: r.memory.length ? met(s.rssKbOurs <= 1024) : '',
    },
    ...extraRows,
  ];
  const cols: (keyof Row)[] = ['figure', 'ours', 'naive', 'pipe', 'seed', 'target', 'met'];
  const cell = (row: Row, c: keyof Row) => row[c] ?? '';
  const width = (c: keyof Row) => Math.max(c.length, ...rows.map((row) => cell(row, c).length));
  const line = (row: Row) => `| ${cols.map((c) => cell(row, c).padEnd(width(c))).join(' | ')} |`;
  const out = [
    line({
      figure: 'Figure',
      ours: 'ours',
      naive: 'naive',
      pipe: 'pipe',
      seed: 'seed',
      target: 'target',
      met: 'met',
    }),
    `|${cols.map((c) => '-'.repeat(width(c) + 2)).join('|')}|`,
    ...rows.map(line),
  ];
  out.push('', 'Capacity ramp (WebSocket, real time both ways):');
  out.push('| sessions | target | relay ms/session-s | relay cores | p99 added ms | errors | sustained |');
  out.push('|---|---|---|---|---|---|---|');
  for (const w of r.capacity) {
    out.push(
      `| ${w.sessions} | ${w.kind} | ${f(w.relayCpuMs)} | ${f(w.cores.relay)} | ` +
        `${w.kind === 'direct' ? `floor ${f(Math.max(w.uplink.p99, w.downlink.p99))}` : f(addedP99At(r.capacity, w.kind, w.sessions))} | ` +
        `${w.errors} | ${w.sustained ? 'yes' : 'no'} |`,
    );
  }
  for (const side of r.side) out.push('', `${side.name}:`, ...side.lines.map((l) => `  ${l}`));
  process.stdout.write(`${out.join('\n')}\n`);
  return s;
}
