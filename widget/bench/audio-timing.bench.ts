/**
 * `npm run bench:timing` (part of `npm run bench`): the widget's audio timing in Debian's Chromium against the
 * Node relay and the fake Gemini on loopback — the figures the integration tests assert only as behaviour.
 * (1) barge-in: from `interrupted` arriving on the socket to silence on the speakers (goal: p50 <= 50 ms);
 * (2) a goodbye the relay ends at once: how long it stays audible (goal: its whole synthesized length, within
 * the jitter buffer and the monitor's resolution) and how soon after its last sound `vi-end` fires.
 * The output monitor samples every 2 ms, so figures have that resolution. `BENCH_RUNS` runs each (default 5).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { synthesizeVoice } from '../../relay/fake-gemini/index';
import { OUTPUT_SAMPLE_RATE } from '../../relay/protocol/index';
import { CHROMIUM_PATH, chromiumArgs } from '../test/harness/chromium';
import { startHarness, stopAllHarnesses } from '../test/harness/relay-harness';
import { bundlePageScript, median, servePage, summary } from './element-page';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SILENCE_GOAL_MS = 50;
/** The audible span may fall short of the clip by its quiet edges; more than this means it was cut. */
const GOODBYE_SHORTFALL_MS = 500;
const root = fileURLToPath(new URL('../..', import.meta.url));
const speechWav = path.join(root, 'widget/test/fixtures/candidate-speech-48k.wav');

const GREETING =
  'Hi, I am Maya and I will be your interviewer today. Thanks for making the time. To start, please tell me ' +
  'about a recent project you are proud of, what your role was, and what you would do differently next time.';
const GOODBYE = 'That is everything from me today. Thank you for your time, and good luck with your search.';
const goodbyeMs = (synthesizeVoice(GOODBYE).byteLength / 2 / OUTPUT_SAMPLE_RATE) * 1000;

/**
 * Runs `window.audioTiming[method](relayUrl)` in a fresh browser context (a fresh capture: the fake
 * microphone's WAV starts again). A string expression: tsx would rewrite a serialized TypeScript function.
 */
async function inPage<T>(browser: Browser, pageUrl: string, method: string, relayUrl: string): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction('"audioTiming" in window');
    return (await page.evaluate(`window.audioTiming.${method}(${JSON.stringify(relayUrl)})`)) as T;
  } finally {
    await context.close();
  }
}

const page = await servePage(
  await bundlePageScript(fileURLToPath(new URL('./audio-timing.page.ts', import.meta.url))),
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(speechWav) });
const silence: number[] = [];
const audible: number[] = [];
const endLag: number[] = [];
try {
  // The first round warms up (JIT, worklet compilation) and is not counted.
  for (let round = 0; round <= RUNS; round++) {
    const bargeIn = await startHarness({ script: [{ interviewer: GREETING }, { interviewer: 'Go on.' }] });
    const ms = await inPage<number>(browser, page.url, 'interruptionToSilence', bargeIn.relayUrl);
    const closing = await startHarness({ script: [{ interviewer: GOODBYE }] });
    const bye = await inPage<{ audibleMs: number; endAfterLastSoundMs: number }>(
      browser,
      page.url,
      'goodbye',
      closing.relayUrl,
    );
    if (round === 0) continue;
    silence.push(ms);
    audible.push(bye.audibleMs);
    endLag.push(bye.endAfterLastSoundMs);
  }
} finally {
  await browser.close();
  page.close();
  await stopAllHarnesses();
}

const medianSilence = median(silence);
const shortestGoodbye = Math.min(...audible);
const verdict = (ok: boolean) => (ok ? 'goal met' : 'GOAL MISSED');
const lines = [
  'Audio timing (Chromium, loopback, fake Gemini)',
  `barge-in: interrupted -> speakers silent      ${summary(silence, 1)}; goal p50 <= ${SILENCE_GOAL_MS} ms: ${verdict(medianSilence <= SILENCE_GOAL_MS)}`,
  `goodbye (${goodbyeMs.toFixed(0)} ms synthesized) audible for  ${summary(audible)}; ` +
    `goal >= ${(goodbyeMs - GOODBYE_SHORTFALL_MS).toFixed(0)} ms: ${verdict(shortestGoodbye >= goodbyeMs - GOODBYE_SHORTFALL_MS)}`,
  `goodbye: last sound -> vi-end                  ${summary(endLag)}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (medianSilence > SILENCE_GOAL_MS || shortestGoodbye < goodbyeMs - GOODBYE_SHORTFALL_MS)
  process.exitCode = 1;
