/**
 * `npm run bench` (relay part): what the relay adds between the browser and Gemini, on this machine.
 * - time to ready and to the first interviewer audio after POST /v1/sessions;
 * - one-way latency of a candidate audio frame, client → fake Gemini (WebSocket, and SSE's POST uplink);
 * - one-way latency of an interviewer audio chunk, fake Gemini → client (WebSocket and SSE);
 * - forwarding throughput with many concurrent sessions streaming real-time audio.
 * All against the fake Gemini through the real SDK, on loopback: the numbers are the relay's own cost.
 */
import { performance } from 'node:perf_hooks';
import { startNodeStack } from '../test-support/node-stack';
import { RelayTestClient } from '../test-support/relay-test-client';
import { ORIGIN, openSessions, probeLatency, stats, streamRealTime } from './latency-probes';

const results: [string, string][] = [];
const report = (name: string, value: string) => {
  results.push([name, value]);
  process.stdout.write(`${name}: ${value}\n`);
};

const stack = await startNodeStack({
  fake: { script: [{ interviewer: 'Hello.' }, { interviewer: 'Go on.' }], interruptibleUntil: 'generated' },
  relay: { createRatePerMinute: 100_000, maxSessions: 1000 },
});

// Time to ready / first audio.
const ready: number[] = [];
const firstAudio: number[] = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  const client = await RelayTestClient.create(stack.url, 'frontend-mid', ORIGIN);
  await client.connectWebSocket();
  await client.waitForEvent('ready');
  ready.push(performance.now() - t0);
  await client.waitFor((c) => c.audioBytes().byteLength > 0, 'audio');
  firstAudio.push(performance.now() - t0);
  client.close();
}
report('create → ready (WebSocket)', stats(ready));
report('create → first interviewer audio', stats(firstAudio));

await probeLatency(stack, report);

// Many concurrent sessions streaming 20 ms frames in real time for 5 s.
const SESSIONS = 50;
const SECONDS = 5;
const clients = await openSessions(stack, SESSIONS);
const cpu0 = process.cpuUsage();
const { sent, wallMs: wall } = await streamRealTime(clients, SECONDS);
const cpu = process.cpuUsage(cpu0);
report(
  `${SESSIONS} sessions × ${SECONDS} s real-time audio`,
  `${sent} frames in ${(wall / 1000).toFixed(2)} s; test process (relay + fake + clients) CPU ` +
    `${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)}% of one core, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
for (const client of clients) client.close();
await stack.close();
