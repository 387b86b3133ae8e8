/**
 * Child process of the leak test (run with `node --expose-gc --import tsx`): a Node relay in this process
 * against the fake Gemini at FAKE_URL (in the parent, so the fake's own history does not count here), runs
 * WARMUP then SESSIONS interviews one after another, and prints the heap after GC, as one JSON line.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { startRelay } from '../node/start-relay';
import { CANARY_KEY } from './node-stack';
import { clientVisible, RelayTestClient } from './relay-test-client';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const origin = 'http://allowed.test';

const relay = await startRelay({
  config: {
    geminiApiKey: CANARY_KEY,
    geminiBaseUrl: process.env.FAKE_URL,
    allowedOrigins: [origin],
    relaySecret: 'leak-test-secret',
    createRatePerMinute: 1_000_000,
    maxSessions: 1_000_000,
  },
  logSink: () => {},
  endedLingerMs: 0,
});

async function oneSession(): Promise<void> {
  const client = await RelayTestClient.create(relay.url, 'frontend-mid', { origin });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  client.sendMessage({ type: 'end' });
  await client.waitForEvent('ended');
  await client.waitForClose();
  clientVisible.length = 0; // the test client's own record of everything it saw
}

/** heapUsed after the relay forgot every ended session (linger 0: a timer turn) and GC settled. */
async function settledHeap(): Promise<number> {
  while (relay.host.activeSessions > 0) await delay(5);
  let used = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 6; i++) {
    await delay(0);
    gc?.();
    used = Math.min(used, process.memoryUsage().heapUsed);
  }
  return used;
}

const warmup = Number(process.env.WARMUP ?? 50);
const sessions = Number(process.env.SESSIONS ?? 1000);
for (let i = 0; i < warmup; i++) await oneSession();
const baseline = await settledHeap();
const started = performance.now();
for (let i = 0; i < sessions; i++) await oneSession();
const elapsedMs = performance.now() - started;
const after = await settledHeap();
process.stdout.write(`${JSON.stringify({ baseline, after, sessions, elapsedMs })}\n`);
await relay.close();
