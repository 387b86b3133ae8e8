/**
 * Browser tests in Debian Chromium: `npx wtr --config widget/web-test-runner.config.mjs`.
 * A fake microphone plays test/fixtures/candidate-speech-48k.wav once per capture; relays in front of fake
 * Gemini servers run in this process and are reached through wtr commands (test/harness/commands.ts).
 */
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { summaryReporter } from './test/harness/summary-reporter.mjs';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const speechWav = fileURLToPath(new URL('./test/fixtures/candidate-speech-48k.wav', import.meta.url));
const workletSource = await tsImport('./build/worklet-source.ts', import.meta.url);
const { CHROMIUM_PATH, chromiumArgs } = await tsImport('./test/harness/chromium.ts', import.meta.url);
let harnessModule;
/** Loaded once, on first use: only the integration tests need the relay. */
const loadHarness = () => {
  harnessModule ??= tsImport('./test/harness/relay-harness.ts', import.meta.url);
  return harnessModule;
};

/**
 * Serves `*.worklet.ts?worklet` as the bundled worklet source string, like the Vite build does, and
 * `/self-hosted-worklets/<name>.worklet.js` as plain scripts, like `dist/voice-interview-worklets/`.
 */
const workletPlugin = {
  name: 'voice-interview-worklet-source',
  async serve(context) {
    const selfHosted = /^\/self-hosted-worklets\/(capture|playback)\.worklet\.js$/.exec(context.path);
    if (selfHosted) {
      const file = `${rootDir}widget/src/audio/${selfHosted[1]}.worklet.ts`;
      return { body: await workletSource.bundleWorklet(file), type: 'js' };
    }
    if (!context.URL.searchParams.has('worklet')) return undefined;
    const file = fileURLToPath(new URL(`.${context.path}`, `file://${rootDir}/`));
    return { body: workletSource.workletModule(await workletSource.bundleWorklet(file)), type: 'js' };
  },
};

/** Relays + fake Gemini servers for the integration tests, as commands the test pages can call. */
const harnessPlugin = {
  name: 'voice-interview-relay-harness',
  async serverStop() {
    const harness = await loadHarness();
    await harness.stopAllHarnesses();
  },
  async executeCommand({ command, payload }) {
    if (!command.startsWith('vi-')) return undefined;
    const harness = await loadHarness();
    switch (command) {
      case 'vi-harness-start':
        return harness.startHarness(payload ?? {});
      case 'vi-fake-state':
        return harness.fakeState(payload.id);
      case 'vi-fake-events':
        return harness.fakeEvents(payload.id);
      case 'vi-fake-audio-in':
        return harness.fakeAudioIn(payload.id);
      case 'vi-fake-audio-chunks':
        return harness.fakeAudioChunks(payload.id);
      case 'vi-proxy-cut':
        return harness.cutConnections(payload.id);
      case 'vi-proxy-stall':
        return harness.stallConnections(payload.id);
      case 'vi-upstream-break':
        return harness.breakUpstream(payload.id, payload.fault);
      case 'vi-upstream-reconnects':
        return harness.upstreamReconnects(payload.id);
      case 'vi-proxy-stats':
        return harness.proxyStats(payload.id);
      case 'vi-report-schema-errors': {
        const schema = await tsImport('../relay/test-support/report-schema.ts', import.meta.url);
        return schema.reportSchemaErrors(payload.report);
      }
      default:
        throw new Error(`unknown command ${command}`);
    }
  },
};

export default {
  rootDir,
  files: ['widget/test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testsFinishTimeout: 120_000,
  // The first page of a run waits for Chromium's cold start and the first esbuild transform; on a loaded
  // 2-core CI machine that once took over the 30 s default.
  browserStartTimeout: 120_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [
    workletPlugin,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${rootDir}tsconfig.json` }),
    harnessPlugin,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: chromiumArgs(speechWav),
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
