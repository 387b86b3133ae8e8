#!/usr/bin/env node
/**
 * `npm test`: every check in one run — lint+format, types, relay suites (node:test), widget build budget,
 * browser suites (@web/test-runner in Debian Chromium; the engine suite in Firefox ESR and in WebKitGTK) — then one closing
 * line `N passed, N failed`.
 * Each step's own output streams through; counts come from the runners' own summaries.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tapFile = join(mkdtempSync(join(tmpdir(), 'vi-test-')), 'relay.tap');

/** [label, command, how to count]: 'check' counts as one test; 'tap' and 'line' read the runner's totals. */
const relaySuites =
  'node --import tsx --test --test-concurrency=2 --test-timeout=90000 ' +
  `--test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=${tapFile} ` +
  'relay/protocol/*.test.ts relay/core/*.test.ts relay/fake-gemini/*.test.ts relay/test/*.test.ts';
// The browser suites use Debian's Chromium; install it when missing and we may (root), else say how.
const ensureChromium =
  'command -v chromium >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && ' +
  'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || ' +
  '{ echo "Chromium is needed for the browser tests: sudo apt-get install -y chromium" >&2; exit 1; }';

// The Firefox suite uses Debian's Firefox ESR and a private PulseAudio (its microphone and speaker).
const ensureFirefox =
  'command -v firefox-esr >/dev/null && command -v pulseaudio >/dev/null && command -v pactl >/dev/null || ' +
  '{ [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ' +
  'firefox-esr pulseaudio pulseaudio-utils >/dev/null; } || ' +
  '{ echo "Firefox ESR and PulseAudio are needed for the Firefox tests: ' +
  'sudo apt-get install -y firefox-esr pulseaudio pulseaudio-utils" >&2; exit 1; }';

// The WebKit suite uses Debian's WebKitGTK (WebKitWebDriver + MiniBrowser) under Xvfb, and the same PulseAudio.
const ensureWebKit =
  'command -v WebKitWebDriver >/dev/null && command -v Xvfb >/dev/null && command -v pactl >/dev/null || ' +
  '{ [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ' +
  'webkit2gtk-driver xvfb pulseaudio pulseaudio-utils >/dev/null; } || ' +
  '{ echo "WebKitGTK, Xvfb and PulseAudio are needed for the WebKit tests: ' +
  'sudo apt-get install -y webkit2gtk-driver xvfb pulseaudio pulseaudio-utils" >&2; exit 1; }';

const steps = [
  ['lint + format (biome)', 'npx biome check .', 'check'],
  ['types (tsc strict)', 'npx tsc -p .', 'check'],
  ['widget build + size budget', 'npm run --silent build', 'check'],
  ['relay on Node and workerd (node:test)', relaySuites, 'tap'],
  ['Worker bundle (wrangler deploy --dry-run)', 'npm run --silent build:edge', 'check'],
  ['Chromium present', ensureChromium, 'check'],
  ['widget in Chromium (web-test-runner)', 'npm run --silent test:widget', 'line'],
  ['Firefox ESR and PulseAudio present', ensureFirefox, 'check'],
  ['widget in Firefox ESR (WebDriver BiDi, PulseAudio microphone)', 'npm run --silent test:firefox', 'line'],
  ['WebKitGTK, Xvfb and PulseAudio present', ensureWebKit, 'check'],
  ['widget in WebKitGTK (WebKitWebDriver, PulseAudio microphone)', 'npm run --silent test:webkit', 'line'],
];

function run(command) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, {
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function tapTotals() {
  const tap = readFileSync(tapFile, 'utf8');
  const last = (name) => Number([...tap.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
  return { passed: last('pass'), failed: last('fail') + last('cancelled') };
}

function lineTotals(output) {
  const match = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

let passed = 0;
let failed = 0;
const summary = [];
for (const [label, command, counting] of steps) {
  process.stdout.write(`\n=== ${label}: ${command}\n`);
  const { code, output } = await run(command);
  let totals;
  if (counting === 'tap') totals = safe(tapTotals);
  else if (counting === 'line') totals = lineTotals(output);
  if (!totals) totals = { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  passed += totals.passed;
  failed += totals.failed;
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${label}: ${totals.passed} passed, ${totals.failed} failed`);
}

function safe(fn) {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

process.stdout.write(`\n${summary.join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
