/** Starts the fake Gemini and the Node relay wired together, recording every log line. */

import type { RelayConfig } from '../core/config';
import type { CheckpointStore } from '../core/session-checkpoint';
import { type FakeGemini, type FakeGeminiOptions, startFakeGemini } from '../fake-gemini/index';
import { type RunningRelay, startRelay } from '../node/start-relay';

/** A recognisable key: tests assert it never reaches anything a client or a log reader can see. */
export const CANARY_KEY = 'AIzaCANARY-0123456789-do-not-leak';

/** A relay (any runtime) wired to a fake Gemini: what the conformance suite runs against. */
export interface RelayStack {
  /** The relay's base URL, e.g. http://127.0.0.1:PORT. */
  url: string;
  fake: FakeGemini;
  /** Every log line the relay wrote. */
  logs: string[];
  close(): Promise<void>;
}

export type StackOptions = {
  fake?: FakeGeminiOptions;
  relay?: Partial<RelayConfig>;
  /** Node only: where sessions checkpoint. */
  store?: CheckpointStore;
};

export interface NodeStack extends RelayStack {
  relay: RunningRelay;
}

export async function startNodeStack(options: StackOptions = {}): Promise<NodeStack> {
  const fake = await startFakeGemini({ requireApiKey: CANARY_KEY, ...options.fake });
  const logs: string[] = [];
  const relay = await startRelay({
    config: {
      geminiApiKey: CANARY_KEY,
      geminiBaseUrl: fake.baseUrl,
      allowedOrigins: ['http://allowed.test'],
      relaySecret: 'test-relay-secret-of-at-least-32-bytes',
      // Every test client comes from 127.0.0.1: the per-client cap has its own tests.
      maxSessionsPerClient: 100,
      ...options.relay,
    },
    logSink: (line) => logs.push(line),
    ...(options.store ? { store: options.store } : {}),
  });
  return {
    url: relay.url,
    fake,
    relay,
    logs,
    async close() {
      await relay.close();
      await fake.close();
    },
  };
}
