/** What only the Workers adapter does: its front door, static assets, config errors, and object restarts. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloseCode } from '../protocol/index';
import { EXPOSURE_SCRIPT, exerciseClientSurfaces } from '../test-support/key-exposure';
import { CANARY_KEY } from '../test-support/node-stack';
import { RelayTestClient, request } from '../test-support/relay-test-client';
import { startWorkerStack, type WorkerStack } from '../test-support/worker-stack';

const ORIGIN = 'http://allowed.test';
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

const stacks: WorkerStack[] = [];
async function stack(options: Parameters<typeof startWorkerStack>[0] = {}): Promise<WorkerStack> {
  const started = await startWorkerStack(options);
  stacks.push(started);
  return started;
}
after(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

describe('the Worker front door', () => {
  let base: string;
  before(async () => {
    base = (await stack()).url;
  });

  it('answers /healthz and serves the widget from the edge origin with CORS for a cross-origin embed', async () => {
    const health = await request(base, 'GET', '/healthz');
    assert.deepEqual(JSON.parse(health.body), { ok: true, simulated: false, protocol: 1 });
    const widget = await request(base, 'GET', '/voice-interview.js', { origin: 'https://any-site.test' });
    assert.equal(widget.status, 200);
    assert.match(widget.headers['content-type'] ?? '', /^text\/javascript/);
    assert.equal(widget.headers['access-control-allow-origin'], '*');
    assert.equal(widget.headers['x-content-type-options'], 'nosniff');
    const worklet = await request(base, 'GET', '/voice-interview-worklets/capture.worklet.js', {
      origin: 'https://any-site.test',
    });
    assert.equal(worklet.status, 200, 'self-hosted worklets are served too');
    assert.equal(worklet.headers['access-control-allow-origin'], '*');
    const missing = await request(base, 'GET', '/no-such-file.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['access-control-allow-origin'], undefined);
  });

  it('refuses a foreign origin on the WebSocket itself: forbidden-origin, then 4403', async () => {
    const client = await RelayTestClient.create(base, 'frontend-mid');
    await client.connectWebSocket({ origin: 'https://evil.test' });
    await client.waitForClose();
    assert.equal(client.closeInfo?.code, CloseCode.ForbiddenOrigin);
    assert.deepEqual(
      client.events.map((e) => e.type === 'error' && e.code),
      ['forbidden-origin'],
    );
  });

  it('rate-limits session creation per client address (per isolate)', async () => {
    const limited = await stack({ relay: { createRatePerMinute: 2 } });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof request>> | undefined;
    for (let i = 0; i < 3; i++) {
      last = await request(limited.url, 'POST', '/v1/sessions', { body: { interview: 'frontend-mid' } });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [201, 201, 429]);
    assert.equal(errorOf(last?.body ?? '').code, 'rate-limited');
    assert.equal(last?.headers['retry-after'], '10');
  });
});

describe('configuration from the Worker env', () => {
  for (const [label, relay, names] of [
    ['RELAY_SECRET is missing', { relaySecret: '' }, /RELAY_SECRET/],
    [
      'GEMINI_API_KEY is missing',
      { geminiApiKey: '', geminiBaseUrl: 'https://generativelanguage.googleapis.com' },
      /GEMINI_API_KEY/,
    ],
    ['the grace period outlasts an idle object', { reconnectGraceMs: 120_000 }, /RECONNECT_GRACE_MS/],
  ] as const) {
    it(`fails every request clearly when ${label}`, async () => {
      const broken = await stack({ relay });
      for (const [method, path] of [
        ['GET', '/healthz'],
        ['POST', '/v1/sessions'],
      ] as const) {
        const body = method === 'POST' ? { interview: 'frontend-mid' } : undefined;
        const answer = await request(broken.url, method, path, body ? { body } : {});
        assert.equal(answer.status, 500);
        assert.equal(errorOf(answer.body).code, 'internal');
        assert.match(errorOf(answer.body).message, names);
      }
      assert.ok(broken.logs.some((line) => names.test(line) && JSON.parse(line).level === 'error'));
    });
  }

  it('runs simulated without GEMINI_API_KEY only against a loopback simulator (npm run dev:edge)', async () => {
    const simulated = await stack({ relay: { geminiApiKey: '' }, fake: { requireApiKey: undefined } });
    const health = await request(simulated.url, 'GET', '/healthz');
    assert.equal(JSON.parse(health.body).simulated, true);
    const client = await RelayTestClient.create(simulated.url, 'frontend-mid', { origin: ORIGIN });
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    assert.equal(simulated.fake.connections.at(-1)?.apiKey, 'simulated-interviewer');
    client.close();
  });
});

describe('Durable Object restarts', () => {
  it('a session checkpointed after a turn comes back: Gemini resumed by handle, ids continue, nothing repeated', async () => {
    const restarting = await stack();
    const client = await RelayTestClient.create(restarting.url, 'frontend-mid', { origin: ORIGIN });
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    const firstUpstream = restarting.fake.connections.at(-1) ?? assert.fail('no upstream');
    const cursor = client.lastEventId;
    await restarting.restart();
    await client.waitForClose();

    await client.connectWebSocket({ lastEventId: cursor });
    await client.waitFor(
      (c) => c.events.some((e) => e.type === 'notice' && e.code === 'upstream-resumed'),
      'the restored session resumed upstream',
    );
    const resumed = restarting.fake.connections.at(-1) ?? assert.fail('no upstream');
    assert.notEqual(resumed, firstUpstream);
    const setup = (await resumed.setup) as { sessionResumption?: { handle?: string } };
    assert.ok(setup.sessionResumption?.handle, 'the new upstream resumes the Gemini session by handle');
    assert.equal(resumed.conversation, firstUpstream.conversation, 'same conversation at the fake');

    client.sendMessage({ type: 'text', text: 'I built a small web app.' });
    await client.waitForEvent('turn-complete', 2);
    const ids = client.received.map((r) => (r.kind === 'event' ? r.event.id : r.id)).filter((id) => id > 0);
    assert.deepEqual(
      ids,
      [...new Set(ids)].sort((a, b) => a - b),
      'ids strictly increase across the restart',
    );
    assert.deepEqual(
      client.finalTurns().map((t) => t.role),
      ['interviewer', 'candidate', 'interviewer'],
      'no greeting again after the restart',
    );
    client.sendMessage({ type: 'end' });
    await client.waitForEvent('ended');
    const request = restarting.fake.restRequests.at(-1);
    assert.match(
      JSON.stringify(request?.body),
      /Interviewer: Hello, thanks for joining/,
      'the report sees turns from before the restart',
    );
  });
});

describe('the report across a Durable Object restart', () => {
  it('an ended interview keeps its report: a client that missed it gets report then ended, under the same ids', async () => {
    const restarting = await stack();
    const client = await RelayTestClient.create(restarting.url, 'frontend-mid', { origin: ORIGIN });
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    client.sendMessage({ type: 'text', text: 'I built a small web app for a library.' });
    await client.waitForEvent('turn-complete', 2);
    client.sendMessage({ type: 'end' });
    await client.waitForEvent('ended');
    await client.waitForClose();
    const first = client.events.filter((e) => e.type === 'report' || e.type === 'ended');
    assert.deepEqual(
      first.map((e) => e.type),
      ['report', 'ended'],
    );
    const missedFrom = (first[0]?.id ?? 1) - 1;
    await restarting.restart();

    const again = RelayTestClient.forSession(restarting.url, client.session, ORIGIN);
    await again.connectWebSocket({ lastEventId: missedFrom });
    await again.waitForEvent('ended');
    const replayed = again.events.filter((e) => e.type === 'report' || e.type === 'ended');
    assert.deepEqual(replayed, first, 'the same report and ended, with the same ids');
  });
});

describe('logs and secrets', () => {
  it('every Worker log line is JSON and none carries the Gemini key; neither does anything a client saw', async () => {
    const { seen, logs } = await exerciseClientSurfaces(
      await stack({ fake: { script: EXPOSURE_SCRIPT } }),
      ORIGIN,
    );
    assert.ok(logs.length > 0);
    assert.ok(seen.length >= 10, `${seen.length} client-visible items`);
    for (const line of logs) {
      assert.doesNotThrow(() => JSON.parse(line), `not JSON: ${line.slice(0, 200)}`);
      assert.ok(!line.includes(CANARY_KEY), `leak in log: ${line.slice(0, 200)}`);
    }
    for (const item of seen) assert.ok(!item.includes(CANARY_KEY), item.slice(0, 200));
  });
});
