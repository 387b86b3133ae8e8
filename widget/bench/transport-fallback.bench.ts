/**
 * `npx tsx widget/bench/transport-fallback.bench.ts` (part of `npm run bench`): how long `transport="auto"`
 * takes to reach `live` when a proxy in front of the relay (c) passes everything, (a) answers WebSocket
 * upgrades with 403, (b) accepts the connection and never answers the upgrade; and a second start after (a),
 * which goes straight to SSE. Real Chromium (Debian's), the real element (bundled from the sources), the
 * Node relay and the fake Gemini on loopback. Goals (docs/protocol.md "Fallback rules"): (a) within 1.5 s
 * of (c); (b) within the 2.5 s timeout (+ 0.5 s margin) of (c). `BENCH_RUNS` sets runs per case (default 5: the
 * full `npm run bench` must stay under 10 minutes, and the swallowed case alone waits 2.5 s a run).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../test/harness/chromium';
import { startHarness, stopAllHarnesses } from '../test/harness/relay-harness';
import type { ProxyMode } from '../test/harness/transport-proxy';
import { bundlePageScript } from './element-page';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FALLBACK_TIMEOUT_MS = 2_500;
const REFUSED_GOAL_MS = 1_500;
const SWALLOWED_MARGIN_MS = 500;
const root = fileURLToPath(new URL('../..', import.meta.url));
const speechWav = path.join(root, 'widget/test/fixtures/candidate-speech-48k.wav');

/**
 * In the page: mounts an element, times `start()` -> `live`, optionally ends and times a second start.
 * Plain JavaScript in the page (tsx would rewrite a serialized TypeScript function).
 */
const MEASURE_SCRIPT = `
function reach(el, state) {
  return new Promise((resolve) => {
    el.addEventListener('vi-state', function listener(event) {
      if (event.detail.state !== state) return;
      el.removeEventListener('vi-state', listener);
      resolve();
    });
  });
}
async function measure(el) {
  const live = reach(el, 'live');
  let t0 = performance.now();
  el.start();
  // A first visit shows the consent notice: the candidate accepts, and the clock starts at that click.
  await el.updateComplete;
  const accept = el.shadowRoot.querySelector('.accept');
  if (accept) {
    t0 = performance.now();
    accept.click();
  }
  await live;
  return { ms: performance.now() - t0, via: el.getAttribute('connected-via') };
}
window.measureLive = async (relayUrl, again) => {
  const el = document.createElement('voice-interview');
  el.interview = 'frontend-mid';
  el.relay = relayUrl;
  el.skipPreflight = true;
  document.body.append(el);
  const first = await measure(el);
  if (!again) return first;
  const ended = reach(el, 'ended');
  el.end();
  await ended;
  const second = await measure(el);
  return { ...first, againMs: second.ms, againVia: second.via };
};`;

/** A page origin of its own (the relay is cross-origin, as on a customer's site). */
async function servePage(script: string): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    if (req.url === '/voice-interview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><script type="module" src="/voice-interview.js"></script>
<script>${MEASURE_SCRIPT}</script><body></body>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

interface Run {
  ms: number;
  via: string | null;
  /** A second start in the same page (the remembered fallback), when asked for. */
  againMs?: number;
  againVia?: string | null;
}

async function timeToLive(browser: Browser, pageUrl: string, mode: ProxyMode, again: boolean): Promise<Run> {
  const harness = await startHarness({ proxy: mode });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => customElements.get('voice-interview') !== undefined);
    return await page.evaluate(
      ([relayUrl, twice]) =>
        (window as unknown as { measureLive(url: string, again: boolean): Promise<Run> }).measureLive(
          relayUrl,
          twice,
        ),
      [harness.relayUrl, again] as const,
    );
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function summary(values: number[]): string {
  return `p50 ${median(values).toFixed(0)} ms, min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)} (n=${values.length})`;
}

const page = await servePage(await bundlePageScript(path.join(root, 'widget/src/index.ts')));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: chromiumArgs(speechWav, { loop: true }),
});

const runs: Record<'pass' | 'refuse' | 'swallow', Run[]> = { pass: [], refuse: [], swallow: [] };
try {
  // Interleaved, so drift in machine load spreads over all cases alike. The first round warms up.
  for (let round = 0; round <= RUNS; round++) {
    const pass = await timeToLive(browser, page.url, 'pass', false);
    const refuse = await timeToLive(browser, page.url, 'refuse-websocket', true);
    const swallow = await timeToLive(browser, page.url, 'swallow-websocket', false);
    if (round === 0) continue;
    runs.pass.push(pass);
    runs.refuse.push(refuse);
    runs.swallow.push(swallow);
  }
} finally {
  await browser.close();
  page.close();
  await stopAllHarnesses();
}

const vias = (list: Run[], key: 'via' | 'againVia') => [...new Set(list.map((run) => run[key]))].join('/');
const ms = (list: Run[], key: 'ms' | 'againMs' = 'ms') => list.map((run) => run[key] ?? Number.NaN);
const base = median(ms(runs.pass));
const refusedDelta = median(ms(runs.refuse)) - base;
const swallowedDelta = median(ms(runs.swallow)) - base;
const verdict = (ok: boolean) => (ok ? 'goal met' : 'GOAL MISSED');
const lines = [
  'Transport fallback: start() -> live with transport="auto" (Chromium, loopback, fake Gemini)',
  `(c) proxy passes everything     -> ${vias(runs.pass, 'via')}: ${summary(ms(runs.pass))}`,
  `(a) proxy answers upgrades 403  -> ${vias(runs.refuse, 'via')}: ${summary(ms(runs.refuse))}; ` +
    `p50 +${refusedDelta.toFixed(0)} ms over (c) (goal <= ${REFUSED_GOAL_MS}): ${verdict(refusedDelta <= REFUSED_GOAL_MS)}`,
  `(b) proxy swallows the upgrade  -> ${vias(runs.swallow, 'via')}: ${summary(ms(runs.swallow))}; ` +
    `p50 +${swallowedDelta.toFixed(0)} ms over (c) (goal <= ${FALLBACK_TIMEOUT_MS} + ${SWALLOWED_MARGIN_MS}): ` +
    verdict(swallowedDelta <= FALLBACK_TIMEOUT_MS + SWALLOWED_MARGIN_MS),
  `(a) second start, remembered    -> ${vias(runs.refuse, 'againVia')}: ${summary(ms(runs.refuse, 'againMs'))}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
const viaOk =
  vias(runs.pass, 'via') === 'websocket' &&
  vias(runs.refuse, 'via') === 'sse' &&
  vias(runs.swallow, 'via') === 'sse' &&
  vias(runs.refuse, 'againVia') === 'sse';
if (!viaOk || refusedDelta > REFUSED_GOAL_MS || swallowedDelta > FALLBACK_TIMEOUT_MS + SWALLOWED_MARGIN_MS) {
  process.exitCode = 1;
}
