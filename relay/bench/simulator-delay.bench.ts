/**
 * `npm run bench:timing` (part of `npm run bench`): the simulated interviewer's response delay — what
 * `npm start` without a key waits before it answers — from the kick-off sent by the real SDK to the first
 * model turn it receives, on loopback. Goal: never early, p50 less than 50 ms over the configured delay.
 * `BENCH_RUNS` sets the number of runs (default 10).
 */

import { startSimulator } from '../fake-gemini/fake-gemini-server';
import { AUDIO_CONFIG, openLiveClient } from '../fake-gemini/live-test-client';
import { resolveOptions } from '../fake-gemini/options';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const OVERHEAD_GOAL_MS = 50;
const configured = resolveOptions({ mode: 'simulator' }).responseDelayMs;

const fake = await startSimulator();
const delays: number[] = [];
try {
  for (let run = 0; run <= RUNS; run++) {
    const client = openLiveClient(fake, {
      ...AUDIO_CONFIG,
      systemInstruction: 'Interview template: frontend-mid',
    });
    const session = await client.connected;
    const sentAt = performance.now();
    session.sendRealtimeInput({ text: 'The candidate has joined.' });
    await client.waitFor((m) => !!m.serverContent?.modelTurn);
    if (run > 0) delays.push(performance.now() - sentAt); // the first run warms up
    session.close();
  }
} finally {
  await fake.close();
}

const sorted = [...delays].sort((a, b) => a - b);
const p50 = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
const min = sorted[0] ?? Number.NaN;
const max = sorted.at(-1) ?? Number.NaN;
const ok = min >= configured && p50 - configured < OVERHEAD_GOAL_MS;
process.stdout.write(
  'Simulator response delay (kick-off -> first model turn, real SDK, loopback)\n' +
    `configured ${configured} ms: p50 ${p50.toFixed(1)} ms, min ${min.toFixed(1)}, max ${max.toFixed(1)} ` +
    `(n=${delays.length}); goal min >= ${configured}, p50 < ${configured + OVERHEAD_GOAL_MS}: ${ok ? 'goal met' : 'GOAL MISSED'}\n`,
);
if (!ok) process.exitCode = 1;
