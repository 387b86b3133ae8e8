/**
 * Measures the two ways workerd can open the upstream Live socket (the SDK web build's global
 * `new WebSocket(url)`, and `fetch()` with `Upgrade: websocket`), plus the relay's full SDK connect, against
 * the local fake Gemini. Numbers are quoted in docs/deploy.md.
 *
 *   tsx relay/edge-tools/measure-upstream.ts
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { startFakeGemini } from '../fake-gemini/index';

const KEY = 'AIzaMEASURE-key';
const ROUNDS = 30;

async function main(): Promise<void> {
  const fake = await startFakeGemini({ requireApiKey: KEY, script: [{ interviewer: 'Hello.' }] });
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./measure-upstream.worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
  });
  const miniflare = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]?.text ?? '',
    compatibilityDate: '2026-04-20',
    bindings: { BASE_URL: fake.baseUrl, API_KEY: KEY },
  });
  try {
    for (const way of ['constructor', 'fetch-upgrade', 'sdk']) {
      const response = await miniflare.dispatchFetch(`http://measure/?way=${way}&rounds=${ROUNDS}`);
      if (!response.ok) throw new Error(`${way}: ${response.status} ${await response.text()}`);
      const times = ((await response.json()) as number[]).slice(5).sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
      process.stdout.write(
        `${way.padEnd(14)} open + setup → setupComplete: median ${at(0.5)} ms, p90 ${at(0.9)} ms (${times.length} runs after 5 warm-up)\n`,
      );
    }
  } finally {
    await miniflare.dispose();
    await fake.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
