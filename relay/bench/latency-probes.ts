/**
 * The latency probes both relay runtimes are measured with (relay-latency.bench.ts on Node, workerd.bench.ts
 * in workerd): one-way time of a candidate frame to the fake Gemini and of an interviewer chunk to the client.
 */
import { performance } from 'node:perf_hooks';
import { makeSpeechPcm, synthesizeVoice } from '../fake-gemini/index';
import { bytesToBase64 } from '../protocol/base64';
import type { RelayStack } from '../test-support/node-stack';
import { RelayTestClient } from '../test-support/relay-test-client';

export const ORIGIN = { origin: 'http://allowed.test' };
/** One 20 ms candidate frame of speech (640 bytes), as the load of the issue sends. */
export const FRAME = makeSpeechPcm(20).subarray(0, 640);

export function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return (
    `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, ` +
    `max ${at(1).toFixed(2)} ms (n=${samples.length})`
  );
}

/** `frames` uplink and `chunks` downlink one-way times through `stack`, on each transport. */
export async function probeLatency(
  stack: RelayStack,
  report: (name: string, value: string) => void,
  transports: readonly ('websocket' | 'sse')[] = ['websocket', 'sse'],
  count = 200,
): Promise<void> {
  for (const transport of transports) {
    const client = await RelayTestClient.create(stack.url, 'frontend-mid', ORIGIN);
    if (transport === 'websocket') await client.connectWebSocket();
    else await client.connectSse();
    await client.waitForEvent('turn-complete');
    const upstream = stack.fake.connections.at(-1);
    if (!upstream) throw new Error('no upstream');

    const up: number[] = [];
    for (let seq = 1; seq <= count; seq++) {
      // Real-time pacing (one frame per 20 ms), as a browser sends; also stays under the per-session POST rate.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const frames = upstream.frames.length;
      const t0 = performance.now();
      if (transport === 'websocket') client.sendAudio(FRAME, seq);
      else await client.postAudio([[seq, FRAME]]);
      await upstream.waitForFrames(frames + 1);
      up.push(performance.now() - t0);
    }
    report(`uplink frame → Gemini (${transport === 'websocket' ? 'WebSocket' : 'POST'})`, stats(up));

    const down: number[] = [];
    const chunk = synthesizeVoice('Test.').subarray(0, 1920);
    for (let i = 0; i < count; i++) {
      const before = client.audioBytes().byteLength;
      const t0 = performance.now();
      upstream.send({
        serverContent: {
          modelTurn: {
            parts: [{ inlineData: { mimeType: 'audio/pcm;rate=24000', data: bytesToBase64(chunk) } }],
          },
        },
      });
      await client.waitFor((c) => c.audioBytes().byteLength > before, 'chunk');
      down.push(performance.now() - t0);
    }
    report(
      `downlink chunk Gemini → client (${transport === 'websocket' ? 'WebSocket' : 'SSE'})`,
      stats(down),
    );
    client.close();
  }
}

/** `count` WebSocket sessions, each past the interviewer's first turn. */
export function openSessions(stack: RelayStack, count: number): Promise<RelayTestClient[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = await RelayTestClient.create(stack.url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      return client;
    }),
  );
}

/** Every client sends one 20 ms frame every 20 ms for `seconds`; resolves with the frames sent and the wall time. */
export function streamRealTime(
  clients: RelayTestClient[],
  seconds: number,
): Promise<{ sent: number; wallMs: number }> {
  const t0 = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    let tick = 0;
    const timer = setInterval(() => {
      tick += 1;
      for (const client of clients) {
        client.sendAudio(FRAME);
        sent += 1;
      }
      if (tick >= seconds * 50) {
        clearInterval(timer);
        resolve({ sent, wallMs: performance.now() - t0 });
      }
    }, 20);
  });
}
