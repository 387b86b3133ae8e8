/**
 * The production Node relay (`npm run build:relay`): bundled into one folder, copied where no node_modules is
 * on the module path, started with plain `node` (no tsx, no loader), and driven through an interview turn with
 * the offline simulator, as `npm run start:relay` and relay/Dockerfile run it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { bundledTemplates } from '../core/interview-templates';
import { makeSilencePcm, makeSpeechPcm, parseWav } from '../fake-gemini/index';
import { BUILT_LAYOUT, RUNTIME_FILES } from '../node/runtime-files';
import {
  type BuiltNodeRelay,
  buildNodeRelay,
  NODE_RELAY_ENTRY,
  OPTIONAL_ADDONS,
} from '../node-tools/build-node-relay';
import { type RelayProcess, spawnRelayProcess } from '../test-support/relay-process';
import { RelayTestClient, request } from '../test-support/relay-test-client';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url);
/** Generous: the simulator speaks in real time (a question clip lasts several seconds). */
const TURN_TIMEOUT_MS = 60_000;

const work = mkdtempSync(join(tmpdir(), 'vi-node-relay-'));
// A widget build of its own, so the test needs no `npm run build` and can tell the copy apart from dist/.
const widgetDir = join(work, 'widget-build');
const widgetBundle = `// widget stand-in ${work}\nexport {};\n`;
const workletBundle = `// capture worklet stand-in ${work}\n`;
let built: BuiltNodeRelay;

/** The built folder, started the way a platform starts it: `node node.mjs`, nothing else on the command line. */
function startBuilt(): Promise<RelayProcess> {
  return spawnRelayProcess(process.execPath, [NODE_RELAY_ENTRY], {
    cwd: built.outDir,
    // No NODE_OPTIONS, no GEMINI_API_KEY: plain node, simulated interviewer.
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1' },
  });
}

before(async () => {
  await mkdir(join(widgetDir, 'voice-interview-worklets'), { recursive: true });
  writeFileSync(join(widgetDir, 'voice-interview.js'), widgetBundle);
  writeFileSync(join(widgetDir, 'voice-interview-worklets', 'capture.worklet.js'), workletBundle);
  built = await buildNodeRelay({ outDir: join(work, 'relay'), widgetDir });
});
after(() => rmSync(work, { recursive: true, force: true }));

it('bundles everything but Node built-ins, and no node_modules is on the path of the built folder', () => {
  assert.ok(built.externals.length > 0, 'esbuild reports the built-ins it left out');
  assert.deepEqual(
    built.externals.filter((name) => !isBuiltin(name) && !OPTIONAL_ADDONS.includes(name)),
    [],
  );
  const ancestors: string[] = [];
  for (let dir = built.outDir; dir !== dirname(dir); dir = dirname(dir)) ancestors.push(dir);
  ancestors.push('/');
  assert.ok(ancestors.length > 2);
  assert.deepEqual(
    ancestors.filter((dir) => existsSync(join(dir, 'node_modules'))),
    [],
  );
});

it('copies beside the bundle the same simulator lines, clips and demo the sources use', () => {
  const list = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
  const sourceClips = list(RUNTIME_FILES.simulator.clipsDir);
  assert.ok(sourceClips.some((file) => file.endsWith('.wav')));
  assert.deepEqual(list(join(built.outDir, BUILT_LAYOUT.clips)), sourceClips);
  assert.equal(
    readFileSync(join(built.outDir, BUILT_LAYOUT.interviews), 'utf8'),
    readFileSync(RUNTIME_FILES.simulator.interviewsPath, 'utf8'),
  );
  assert.deepEqual(list(join(built.outDir, BUILT_LAYOUT.demo)), list(RUNTIME_FILES.staticRoots.demo));
});

it('serves the demo page and the widget copied beside the bundle', async (t) => {
  const relay = await startBuilt();
  t.after(() => relay.stop());
  const page = await request(relay.url, 'GET', '/');
  assert.equal(page.status, 200);
  assert.equal(page.body, readFileSync(repo('demo/index.html'), 'utf8'));
  const widget = await request(relay.url, 'GET', '/voice-interview.js');
  assert.equal(widget.status, 200);
  assert.match(widget.headers['content-type'] ?? '', /^text\/javascript/);
  assert.equal(widget.body, widgetBundle);
  const worklet = await request(relay.url, 'GET', '/voice-interview-worklets/capture.worklet.js');
  assert.equal(worklet.body, workletBundle);
  const health = await request(relay.url, 'GET', '/healthz');
  assert.equal(health.status, 200);
  assert.equal(JSON.parse(health.body).simulated, true);
});

it('completes an interview turn with the simulator, speaking its recorded clips', async (t) => {
  const relay = await startBuilt();
  t.after(() => relay.stop());
  const questions = (bundledTemplates.get('frontend-mid') ?? assert.fail('template')).plan.map(
    (q) => q.question,
  );
  const clip = (n: number) =>
    parseWav(new Uint8Array(readFileSync(repo(`relay/fake-gemini/clips/frontend-mid/0${n}.wav`)))).data;
  const interviewerTurns = (client: RelayTestClient, n: number) =>
    client.waitFor(
      (c) => c.finalTurns().filter((turn) => turn.role === 'interviewer').length >= n,
      `${n} final interviewer turns`,
      TURN_TIMEOUT_MS,
    );

  const client = await RelayTestClient.create(relay.url, 'frontend-mid');
  t.after(() => client.close());
  assert.equal(client.session.simulated, true);
  await client.connectWebSocket();
  await interviewerTurns(client, 1);
  assert.deepEqual(client.audioBytes(), clip(0), 'the first question is the recorded clip, byte for byte');

  // The answer goes out the moment the question is final. The simulator still counts the question's last
  // chunk as playing for a few ms after turnComplete, so the answer may also barge in on its tail (an extra
  // interrupted + turn-complete): either way the candidate's turn and the next question follow.
  const pcm = new Uint8Array([...makeSpeechPcm(1500), ...makeSilencePcm(1800)]);
  for (let i = 0; i < pcm.byteLength; i += 640) client.sendAudio(pcm.subarray(i, i + 640));
  await interviewerTurns(client, 2);

  const final = client.finalTurns();
  assert.deepEqual(
    final.map((turn) => turn.role),
    ['interviewer', 'candidate', 'interviewer'],
  );
  assert.deepEqual(
    final.filter((turn) => turn.role === 'interviewer').map((turn) => turn.text),
    questions.slice(0, 2),
  );
  assert.deepEqual(client.audioBytes(), new Uint8Array([...clip(0), ...clip(1)]));
  assert.doesNotMatch(relay.output(), /clip-missing/);
});

it('exits with code 0 on SIGTERM', async () => {
  const relay = await startBuilt();
  assert.equal(await relay.stop('SIGTERM'), 0);
});
