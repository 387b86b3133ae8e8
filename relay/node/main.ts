/**
 * `npm start`: the relay on Node, serving the demo page and the widget. With no GEMINI_API_KEY it starts the
 * built-in simulated interviewer on a loopback port and talks to it through the same SDK code path.
 */
import { randomBytes } from 'node:crypto';
import { checkSecret, configFromEnv } from '../core/config';
import { startSimulator } from '../fake-gemini/index';
import { FileCheckpointStore } from './file-checkpoint-store';
import { RUNTIME_FILES } from './runtime-files';
import { startRelay } from './start-relay';
import { parseTrustProxy } from './trust-proxy';

async function main(): Promise<void> {
  const env = process.env;
  const simulator = env.GEMINI_API_KEY?.trim() ? undefined : await startSimulator(RUNTIME_FILES.simulator);
  const config = configFromEnv(env, {
    relaySecret: randomBytes(32).toString('base64url'),
    ...(simulator ? { simulatorBaseUrl: simulator.baseUrl } : {}),
  });
  const relay = await startRelay({
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    config,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    ...(env.CHECKPOINT_DIR?.trim() ? { store: new FileCheckpointStore(env.CHECKPOINT_DIR.trim()) } : {}),
  });
  // What a person types into a browser: loopback is "localhost".
  const shown = relay.url.replace('://127.0.0.1:', '://localhost:');
  const mode = config.simulated
    ? 'simulated interviewer (offline; set GEMINI_API_KEY to use Gemini Live)'
    : `Gemini Live, model ${config.geminiModel}${config.geminiBaseUrl ? ` via ${config.geminiBaseUrl}` : ''}`;
  const origins =
    config.allowedOrigins === '*'
      ? 'any origin'
      : config.allowedOrigins.length > 0
        ? config.allowedOrigins.join(', ')
        : 'same origin only (set ALLOWED_ORIGINS to embed elsewhere)';
  process.stdout.write(
    [
      '',
      `  voice-interview relay listening on ${shown}`,
      `  mode:     ${mode}`,
      `  demo:     ${shown}/`,
      `  embed:    <script type="module" src="${shown}/voice-interview.js"></script>`,
      `  origins:  ${origins}`,
      env.RELAY_SECRET
        ? (checkSecret(config.relaySecret, config.simulated)?.replace(/^/, '  warning:  ') ?? '')
        : '  note:     RELAY_SECRET not set; tokens are signed with a per-process random secret',
      '',
    ].join('\n'),
  );
  // SIGTERM/SIGINT: drain (sessions suspended, clients told to reconnect), then exit within the bound.
  const drainMs = Number(env.DRAIN_TIMEOUT_MS ?? 10_000) || 10_000;
  const shutdown = (): void => {
    setTimeout(() => process.exit(1), drainMs + 2_000).unref();
    void relay
      .drain(drainMs)
      .then(() => simulator?.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `voice-interview relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
