/**
 * Debian's Firefox ESR over WebDriver BiDi (puppeteer-core; no driver binary, nothing downloaded). Its audio
 * goes through the run's PulseAudio (cubeb's pulse backend): without a sound server a realtime AudioContext
 * crashes the tab. Permission prompts and autoplay blocking are off, as a candidate who clicked "Allow" has.
 */
import puppeteer from 'puppeteer-core';
import type { EngineDriver } from './driver';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

export async function launchFirefox(env: NodeJS.ProcessEnv): Promise<EngineDriver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    env,
    protocolTimeout: 60_000,
    extraPrefsFirefox: {
      'media.cubeb.backend': 'pulse',
      'media.navigator.permission.disabled': true,
      'media.navigator.streams.fake': false,
      'media.autoplay.default': 0,
      'media.autoplay.block-webaudio': false,
    },
  });
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const version = await browser.version();
    return {
      engine: 'firefox',
      version,
      async goto(url) {
        await page.goto(url);
      },
      async evaluate<T>(expression: string) {
        return (await page.evaluate(expression)) as T;
      },
      async clickAt(x, y) {
        await page.mouse.click(x, y);
      },
      async close() {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
