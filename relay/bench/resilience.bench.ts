/**
 * `npm run bench:resilience`: what upstream rollovers cost on the interviewer's audio timeline.
 * 1. The accelerated 45-minute interview (relay/test-support/long-interview.ts): how long each switch
 *    (reconnecting → resumed notice, client clock) takes: the most silence a switch can add.
 * 2. Direct measure: the candidate answers just as a goAway-triggered switch begins, so their audio is held
 *    while the relay changes connections. The reply's first audio is timed from the answer's last frame,
 *    with and without a rollover; the difference is the silence the rollover adds to the timeline.
 * Against the fake Gemini through the real SDK on loopback: network time to Google is not included.
 */
import { performance } from 'node:perf_hooks';
import { makeSilencePcm, makeSpeechPcm } from '../fake-gemini/index';
import { runLongInterview } from '../test-support/long-interview';
import { startNodeStack } from '../test-support/node-stack';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (n=${samples.length})`;
}

const long = await runLongInterview();
process.stdout.write(
  `45-minute interview (${long.simulatedMinutes.toFixed(0)} simulated min in ${(long.elapsedMs / 1000).toFixed(1)} s, ` +
    `${long.connections} upstream connections, reconnects ${JSON.stringify(long.reconnects)})\n`,
);
process.stdout.write(`  switch window (reconnecting → resumed): ${stats(long.switchWindowsMs)}\n`);

// Few enough answers that their faster-than-real-time audio stays inside the per-connection frame budget.
const ROUNDS = 8;
const script = [
  { interviewer: 'Hello.' },
  ...Array.from({ length: ROUNDS * 2 + 1 }, (_, i) => ({ candidate: `Answer ${i}.`, interviewer: `Q${i}.` })),
];
const stack = await startNodeStack({
  fake: { script, interruptibleUntil: 'generated', endOfSpeechSilenceMs: 300, chunkMs: 200 },
});
const client = await RelayTestClient.create(stack.url, 'frontend-mid', { origin: 'http://allowed.test' });
await client.connectWebSocket();
await client.waitForEvent('turn-complete');
const answerFrames = [...toFrames(makeSpeechPcm(300)), ...toFrames(makeSilencePcm(400))];
const audioCount = (): number => client.received.filter((r) => r.kind === 'audio').length;
const resumedCount = (): number =>
  client.events.filter((e) => e.type === 'notice' && e.code === 'upstream-resumed').length;

const turnsDone = (): number => client.events.filter((e) => e.type === 'turn-complete').length;

async function replyLatency(withRollover: boolean): Promise<number> {
  const audioBefore = audioCount();
  const turnsBefore = turnsDone();
  const resumedBefore = resumedCount();
  if (withRollover) {
    // The answer starts as the relay begins the switch: its audio is held and flushed to the new connection.
    const reconnecting = client.events.filter(
      (e) => e.type === 'notice' && e.code === 'upstream-reconnecting',
    );
    stack.fake.connections.at(-1)?.goAway('30s');
    await client.waitFor(
      (c) =>
        c.events.filter((e) => e.type === 'notice' && e.code === 'upstream-reconnecting').length >
        reconnecting.length,
      'switch begins',
    );
  }
  for (const frame of answerFrames) client.sendAudio(frame);
  const sent = performance.now();
  await client.waitFor(() => audioCount() > audioBefore, 'reply audio');
  const latency = performance.now() - sent;
  await client.waitFor(() => turnsDone() > turnsBefore, 'reply complete');
  if (withRollover) await client.waitFor(() => resumedCount() > resumedBefore, 'resumed');
  return latency;
}

const plain: number[] = [];
const rolled: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  plain.push(await replyLatency(false));
  rolled.push(await replyLatency(true));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(`answer → first reply audio, no rollover: ${stats(plain)}\n`);
process.stdout.write(`answer → first reply audio, goAway as the answer ends: ${stats(rolled)}\n`);
process.stdout.write(
  `silence a rollover adds (median difference): ${(median(rolled) - median(plain)).toFixed(1)} ms ` +
    `(worst: ${(Math.max(...rolled) - median(plain)).toFixed(1)} ms)\n`,
);
client.close();
await stack.close();
// The goal (issue 13): no rollover adds more than 300 ms of silence to the interviewer's timeline.
const worst = Math.max(Math.max(...rolled) - median(plain), Math.max(...long.switchWindowsMs));
if (worst > 300) {
  process.stdout.write(`FAIL: a rollover added ${worst.toFixed(1)} ms (goal <= 300 ms)\n`);
  process.exitCode = 1;
}
