/**
 * An ended interview stays ended after the Node relay restarts: with CHECKPOINT_DIR, a second relay sharing
 * the directory refuses every change to it (404 `session-not-found`) and still hands back its report; it
 * never starts a new Gemini session from the old, still-valid token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { FileCheckpointStore } from '../node/file-checkpoint-store';
import { type NodeStack, startNodeStack } from '../test-support/node-stack';
import { RelayTestClient } from '../test-support/relay-test-client';

const ORIGIN = 'http://allowed.test';
const SCRIPT = [{ interviewer: 'First question: tell me about a project.' }];
const dir = mkdtempSync(join(tmpdir(), 'vi-ended-'));
const stacks: NodeStack[] = [];

after(async () => {
  for (const stack of stacks) await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a restarted relay sharing CHECKPOINT_DIR refuses changes to an ended interview and replays its end', async () => {
  const first = await startNodeStack({ fake: { script: SCRIPT }, store: new FileCheckpointStore(dir) });
  stacks.push(first);
  const client = await RelayTestClient.create(first.url, 'frontend-mid', { origin: ORIGIN });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  client.sendMessage({ type: 'end' });
  await client.waitForEvent('ended');
  assert.equal(first.fake.connections.length, 1);
  await first.relay.close();

  const second = await startNodeStack({ fake: { script: SCRIPT }, store: new FileCheckpointStore(dir) });
  stacks.push(second);
  const back = RelayTestClient.forSession(second.url, client.session, ORIGIN);

  const message = await back.postMessage({ type: 'text', text: 'One more answer.' });
  assert.equal(message.status, 404, message.body);
  assert.equal(JSON.parse(message.body).error.code, 'session-not-found');
  const audio = await back.postAudio([[1, new Uint8Array(640)]]);
  assert.equal(audio.status, 404);

  await back.connectWebSocket({ lastEventId: 0 });
  await back.waitForEvent('ended');
  assert.ok(
    back.events.some((event) => event.type === 'report'),
    'the report is handed back',
  );
  assert.equal(second.fake.connections.length, 0, 'no Gemini session was opened for an ended interview');
});
