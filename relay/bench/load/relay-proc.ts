/**
 * Bench process 3: one relay under test, `ours` (the real Node adapter over the portable core), `naive`,
 * `pipe` or `seed`, pointed at the fake Gemini whose URL is argv[3].
 */
import { startRelay } from '../../node/start-relay';
import { BENCH_KEY } from './bench-key';
import { serve } from './child-rpc';
import { startNaiveRelay } from './naive-relay';
import { startPipeRelay, startTcpPipe } from './pipe-relay';
import { startSeedRelay } from './seed-relay';

const [kind, geminiUrl, uplinkBatchMs] = process.argv.slice(2) as [string, string, string | undefined];

async function start(): Promise<string> {
  if (kind === 'naive') return startNaiveRelay(geminiUrl);
  if (kind === 'pipe') return startPipeRelay(geminiUrl);
  if (kind === 'tcp-pipe') return startTcpPipe(geminiUrl);
  if (kind === 'seed') return startSeedRelay(geminiUrl);
  const relay = await startRelay({
    config: {
      geminiApiKey: BENCH_KEY,
      geminiBaseUrl: geminiUrl,
      allowedOrigins: ['http://bench.test'],
      relaySecret: 'bench-relay-secret',
      maxSessions: 10_000,
      createRatePerMinute: 1_000_000,
      maxSessionsPerClient: 10_000,
      ...(uplinkBatchMs === undefined ? {} : { uplinkBatchMs: Number(uplinkBatchMs) }),
    },
    logSink: () => {},
  });
  return relay.url;
}

const url = await start();
serve({ hello: () => ({ url }) });
