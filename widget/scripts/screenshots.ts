/**
 * Screenshots of the demo page for the docs: idle, live with a transcript, and an error, plus a 320 px wide
 * phone view, and the report card (light, dark, 320 px). Runs the real relay with the offline simulated interviewer and drives Debian Chromium with
 * playwright-core (no browser download). Needs `dist/voice-interview.js`: run the build first.
 *
 *   npx tsx widget/scripts/screenshots.ts
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { configFromEnv } from '../../relay/core/config';
import { bundledTemplates } from '../../relay/core/interview-templates';
import { startSimulator } from '../../relay/fake-gemini/index';
import { startRelay } from '../../relay/node/start-relay';
import { CHROMIUM_PATH, chromiumArgs } from '../test/harness/chromium';
import { delayedSpeechWav } from '../test/harness/delayed-speech-wav';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = (name: string) => `${root}docs/screenshots/${name}.png`;
/** The fake microphone stays silent this long, so the first question plays out before the answer. */
const LISTEN_FIRST_SECONDS = 10;

async function waitForState(page: Page, state: string): Promise<void> {
  await page.waitForFunction(
    (s) => document.querySelector('voice-interview')?.getAttribute('state') === s,
    state,
    {
      timeout: 30_000,
    },
  );
}

/** The element's shadow root has this selector (a view of the interview flow is showing). */
async function waitForPart(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (sel) => !!document.querySelector('voice-interview')?.shadowRoot?.querySelector(sel),
    selector,
    { timeout },
  );
}

/** A full-page shot, and the same at 320 px wide. */
async function both(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: out(name), fullPage: true });
  await page.setViewportSize({ width: 320, height: 900 });
  await page.screenshot({ path: out(`${name}-320px`), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 760 });
}

async function main(): Promise<void> {
  if (!existsSync(`${root}dist/voice-interview.js`))
    throw new Error('dist/voice-interview.js missing: build first');
  const simulator = await startSimulator();
  const relay = await startRelay({
    config: configFromEnv({}, { relaySecret: 'screenshots', simulatorBaseUrl: simulator.baseUrl }),
    logSink: () => undefined,
  });
  const speechWav = delayedSpeechWav(LISTEN_FIRST_SECONDS);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: chromiumArgs(speechWav),
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(`${relay.url}/`);
    await waitForState(page, 'idle');
    await page.screenshot({ path: out('idle'), fullPage: true });

    // A first visit: the pre-flight check (the fake microphone speaks after its silence), then consent.
    await page.getByRole('button', { name: 'Start interview' }).click();
    await waitForPart(page, '.check.heard', 30_000);
    await both(page, 'preflight');
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForPart(page, '[part~="consent"]');
    await both(page, 'consent');
    await page.getByRole('button', { name: 'I agree, start' }).click();
    await waitForState(page, 'live');
    // The simulated interviewer greets, the fake microphone answers, the interviewer replies.
    await page.waitForFunction(
      () => {
        const log = document.querySelector('voice-interview')?.shadowRoot?.querySelector('[role="log"]');
        const replies = log?.querySelectorAll('.turn.interviewer[data-final="true"]').length ?? 0;
        return !!log?.querySelector('.turn.candidate') && replies >= 2;
      },
      undefined,
      { timeout: 90_000 },
    );
    await waitForPart(page, '[part~="progress"]');
    await both(page, 'live');
    await page.getByRole('button', { name: 'End interview' }).click();
    await waitForState(page, 'ended');
    await page.screenshot({ path: out('ended-report'), fullPage: true });
    // The report card on its own: light, dark, and 320 px wide, with question 1 opened.
    const card = page.locator('voice-interview');
    await page.evaluate(() => {
      const details = document.querySelector('voice-interview')?.shadowRoot?.querySelector('details');
      if (details) details.open = true;
    });
    await card.screenshot({ path: out('report-card') });
    await page.evaluate(() => document.querySelector('voice-interview')?.setAttribute('theme', 'dark'));
    await card.screenshot({ path: out('report-card-dark') });
    await page.evaluate(() => document.querySelector('voice-interview')?.setAttribute('theme', 'light'));
    await page.setViewportSize({ width: 320, height: 900 });
    await card.screenshot({ path: out('report-card-320px') });
    await page.setViewportSize({ width: 1100, height: 760 });

    const failing = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await failing.goto(`${relay.url}/?relay=http://127.0.0.1:9`);
    await failing.getByRole('button', { name: 'Start interview' }).click();
    await failing.getByRole('button', { name: 'Continue' }).click();
    await failing.getByRole('button', { name: 'I agree, start' }).click();
    await waitForState(failing, 'error');
    await failing.screenshot({ path: out('error'), fullPage: true });
    // The last minute: a relay whose templates last 61 s sends the time warning after 1 s.
    const short = await startRelay({
      config: configFromEnv({}, { relaySecret: 'screenshots', simulatorBaseUrl: simulator.baseUrl }),
      catalog: new Map([...bundledTemplates].map(([id, t]) => [id, { ...t, durationLimitSec: 61 }])),
      logSink: () => undefined,
    });
    try {
      const warned = await browser.newPage({ viewport: { width: 1100, height: 760 } });
      await warned.goto(`${short.url}/`);
      await warned.getByRole('button', { name: 'Start interview' }).click();
      await warned.getByRole('button', { name: 'Continue' }).click();
      await warned.getByRole('button', { name: 'I agree, start' }).click();
      await waitForPart(warned, '[part~="notice"][data-code="time-warning"]');
      await both(warned, 'time-warning');
    } finally {
      await short.close();
    }
    process.stdout.write(`screenshots written to ${root}docs/screenshots/\n`);
  } finally {
    await browser.close();
    await relay.close();
    await simulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
