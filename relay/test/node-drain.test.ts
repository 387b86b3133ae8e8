/**
 * SIGTERM on the real Node relay process (`relay/node/main.ts` from sources): the attached client is told
 * (`relay-restarting` notice, close 1012), the upstream is closed cleanly, the process exits on its own,
 * and a second relay sharing CHECKPOINT_DIR picks the interview up where the checkpoint left it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/index';
import { CANARY_KEY } from '../test-support/node-stack';
import { type RelayProcess, spawnRelayProcess } from '../test-support/relay-process';
import { RelayTestClient } from '../test-support/relay-test-client';

const ORIGIN = 'http://allowed.test';
const SCRIPT = [
  { interviewer: 'First question: tell me about a project.' },
  { candidate: 'A dashboard.', interviewer: 'Second question: what was hard?' },
  { candidate: 'Speed.', interviewer: 'Thank you, goodbye.' },
];
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const checkpoints = mkdtempSync(join(tmpdir(), 'vi-drain-'));
const cleanups: (() => Promise<unknown> | undefined)[] = [];

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(checkpoints, { recursive: true, force: true });
});

/** Resolves once the checkpoint directory holds a file (fs.watch events, no polling). */
function checkpointWritten(): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(checkpoints, () => check());
    const check = (): void => {
      if (readdirSync(checkpoints).some((name) => name.endsWith('.json'))) {
        watcher.close();
        resolve();
      }
    };
    check();
  });
}

function startRelayProcess(fake: FakeGemini): Promise<RelayProcess> {
  return spawnRelayProcess(process.execPath, ['--import', 'tsx', 'relay/node/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      GEMINI_API_KEY: CANARY_KEY,
      GEMINI_BASE_URL: fake.baseUrl,
      RELAY_SECRET: 'drain-test-secret-0123456789abcdefghijklmnop',
      ALLOWED_ORIGINS: ORIGIN,
      CHECKPOINT_DIR: checkpoints,
      DRAIN_TIMEOUT_MS: '5000',
    },
  });
}

it('SIGTERM drains: client told to reconnect, upstream closed cleanly, exit 0; another relay resumes the interview', async () => {
  const fake = await startFakeGemini({ requireApiKey: CANARY_KEY, script: SCRIPT });
  cleanups.push(() => fake.close());
  const first = await startRelayProcess(fake);
  cleanups.push(() => (first.child.exitCode === null ? first.stop('SIGKILL') : undefined));
  const client = await RelayTestClient.create(first.url, 'frontend-mid', { origin: ORIGIN });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const upstream = await fake.nextConnection();
  await checkpointWritten();

  const exitCode = await first.stop('SIGTERM');
  assert.equal(exitCode, 0, first.output());
  await client.waitForClose();
  assert.equal(client.closeInfo?.code, 1012, 'Service Restart: the widget reconnects');
  assert.ok(client.events.some((e) => e.type === 'notice' && e.code === 'relay-restarting'));
  assert.notEqual((await upstream.closed).code, 1006, 'the upstream was closed, not dropped');

  const second = await startRelayProcess(fake);
  cleanups.push(() => (second.child.exitCode === null ? second.stop('SIGKILL') : undefined));
  const back = RelayTestClient.forSession(second.url, client.session, ORIGIN);
  await back.connectWebSocket({ lastEventId: client.lastEventId });
  const resumed = await fake.nextConnection();
  const setup = (await resumed.setup) as { sessionResumption?: { handle?: string } };
  assert.ok(setup.sessionResumption?.handle, 'the second relay resumes the Gemini session');
  assert.equal(resumed.conversation, upstream.conversation, 'the same conversation');
  back.sendMessage({ type: 'text', text: 'A dashboard.' });
  await back.waitForEvent('turn-complete');
  const asked = back
    .finalTurns()
    .filter((t) => t.role === 'interviewer')
    .map((t) => t.text);
  assert.deepEqual(asked, ['Second question: what was hard?'], 'it goes on, not from the start');
  assert.equal(await second.stop('SIGTERM'), 0);
});
