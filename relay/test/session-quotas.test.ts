/** Concurrent sessions per client and in total; an ended session frees its slot at once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startNodeStack } from '../test-support/node-stack';
import { RelayTestClient, request } from '../test-support/relay-test-client';

async function live(base: string): Promise<RelayTestClient> {
  const client = await RelayTestClient.create(base);
  await client.connectWebSocket();
  await client.waitForEvent('ready');
  return client;
}

async function end(base: string, client: RelayTestClient): Promise<void> {
  const answer = await request(base, 'DELETE', `/v1/sessions/${client.session.sessionId}`, {
    token: client.session.token,
  });
  assert.equal(answer.status, 204);
  await client.waitForEvent('ended');
  client.close();
}

describe('session quotas', () => {
  it('a client may run MAX_SESSIONS_PER_CLIENT at once; ending one frees its slot', async () => {
    const stack = await startNodeStack({ relay: { maxSessionsPerClient: 2 } });
    try {
      const first = await live(stack.url);
      await live(stack.url);
      const refused = await request(stack.url, 'POST', '/v1/sessions', {
        body: { interview: 'frontend-mid' },
      });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers['retry-after'], '10');
      assert.equal(JSON.parse(refused.body).error.code, 'rate-limited');
      await end(stack.url, first);
      await live(stack.url);
    } finally {
      await stack.close();
    }
  });

  it('MAX_SESSIONS counts running sessions only: an ended one frees its slot at once', async () => {
    const stack = await startNodeStack({ relay: { maxSessions: 1 } });
    try {
      const first = await live(stack.url);
      const full = await request(stack.url, 'POST', '/v1/sessions', { body: { interview: 'frontend-mid' } });
      assert.equal(full.status, 503);
      assert.equal(full.headers['retry-after'], '10');
      await end(stack.url, first);
      await live(stack.url);
    } finally {
      await stack.close();
    }
  });
});
