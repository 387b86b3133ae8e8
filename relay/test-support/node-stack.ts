/** Starts the fake Gemini and the Node relay wired together, recording every log line. */
import { type FakeGemini, type FakeGeminiOptions, startFakeGemini } from '../fake-gemini/index';
import type { RelayConfig } from '../core/config';
import { type RunningRelay, startRelay } from '../node/start-relay';

/** A recognisable key: tests assert it never reaches anything a client or a log reader can see. */
export const CANARY_KEY = 'AIzaCANARY-0123456789-do-not-leak';

export interface NodeStack {
  fake: FakeGemini;
  relay: RunningRelay;
  logs: string[];
  close(): Promise<void>;
}

export async function startNodeStack(
  options: { fake?: FakeGeminiOptions; relay?: Partial<RelayConfig> } = {},
): Promise<NodeStack> {
  const fake = await startFakeGemini({ requireApiKey: CANARY_KEY, ...options.fake });
  const logs: string[] = [];
  const relay = await startRelay({
    config: {
      geminiApiKey: CANARY_KEY,
      geminiBaseUrl: fake.baseUrl,
      allowedOrigins: ['http://allowed.test'],
      relaySecret: 'test-relay-secret',
      ...options.relay,
    },
    logSink: (line) => logs.push(line),
  });
  return {
    fake,
    relay,
    logs,
    async close() {
      await relay.close();
      await fake.close();
    },
  };
}
