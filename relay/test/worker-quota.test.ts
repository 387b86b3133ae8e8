/** On Workers the session caps are relay-wide (a quota Durable Object), and an ended session frees its slot. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { RelayTestClient, request } from '../test-support/relay-test-client';
import { startWorkerStack, type WorkerStack } from '../test-support/worker-stack';

let stack: WorkerStack;
before(async () => {
  stack = await startWorkerStack({ relay: { maxSessionsPerClient: 2 } });
});
after(() => stack.close());

it('a client holding MAX_SESSIONS_PER_CLIENT is refused with 429 until one of them ends', async () => {
  const first = await RelayTestClient.create(stack.url);
  await RelayTestClient.create(stack.url);
  const refused = await request(stack.url, 'POST', '/v1/sessions', { body: { interview: 'frontend-mid' } });
  assert.equal(refused.status, 429, refused.body);
  assert.equal(JSON.parse(refused.body).error.code, 'rate-limited');
  assert.equal(refused.headers['retry-after'], '10');
  await first.connectWebSocket();
  await first.waitForEvent('ready');
  const ended = await request(stack.url, 'DELETE', `/v1/sessions/${first.session.sessionId}`, {
    token: first.session.token,
  });
  assert.equal(ended.status, 204);
  first.close();
  const again = await request(stack.url, 'POST', '/v1/sessions', { body: { interview: 'frontend-mid' } });
  assert.equal(again.status, 201, again.body);
});
