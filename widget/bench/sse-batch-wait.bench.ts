/**
 * `npm run bench:timing` (part of `npm run bench`): how long the SSE uplink holds a partial batch before it
 * posts it anyway — from the first frame of a batch to its `POST /audio` — with `fetch` answered at once in
 * this process (no network: the uplink's own timing). Goal: never early, p50 within 10 ms of SSE_BATCH_WAIT_MS.
 * `BENCH_RUNS` sets the number of runs (default 20).
 */
import { INPUT_SAMPLE_RATE } from '../../relay/protocol/index';
import { SSE_BATCH_FRAMES, SSE_BATCH_WAIT_MS, SseUplink } from '../src/session/sse-uplink';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const LATE_GOAL_MS = 10;
/** One 20 ms frame (its size does not change the timing). */
const FRAME = new Uint8Array((INPUT_SAMPLE_RATE / 50) * 2);

let postedAt: (() => void) | undefined;
globalThis.fetch = async () => {
  postedAt?.();
  return new Response('{}', { status: 200 });
};

const waits: number[] = [];
for (let run = 0; run <= RUNS; run++) {
  const uplink = new SseUplink({
    endpoint: (action) => `http://relay.bench/v1/sessions/s/${action}`,
    token: 't',
    onFatal: () => undefined,
  });
  const posted = new Promise<void>((resolve) => {
    postedAt = resolve;
  });
  const firstFrameAt = performance.now();
  for (let seq = 1; seq < SSE_BATCH_FRAMES; seq++) uplink.audio(seq, FRAME);
  await posted;
  if (run > 0) waits.push(performance.now() - firstFrameAt);
  uplink.close();
}

const sorted = [...waits].sort((a, b) => a - b);
const p50 = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
const min = sorted[0] ?? Number.NaN;
const max = sorted.at(-1) ?? Number.NaN;
const ok = min >= SSE_BATCH_WAIT_MS - 1 && p50 <= SSE_BATCH_WAIT_MS + LATE_GOAL_MS;
process.stdout.write(
  `SSE uplink: a partial batch (${SSE_BATCH_FRAMES - 1} of ${SSE_BATCH_FRAMES} frames) -> POST /audio\n` +
    `SSE_BATCH_WAIT_MS ${SSE_BATCH_WAIT_MS}: p50 ${p50.toFixed(1)} ms, min ${min.toFixed(1)}, max ${max.toFixed(1)} ` +
    `(n=${waits.length}); goal min >= ${SSE_BATCH_WAIT_MS}, p50 <= ${SSE_BATCH_WAIT_MS + LATE_GOAL_MS}: ${ok ? 'goal met' : 'GOAL MISSED'}\n`,
);
if (!ok) process.exitCode = 1;
