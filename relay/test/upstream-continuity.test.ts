/**
 * Upstream continuity through the real SDK against the fake Gemini: goAway switches with the newest handle,
 * proactive rollover, hung connects abandoned and closed, invalid handles ending with their typed error.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { SessionCheckpoint } from '../core/session-checkpoint';
import { REASON_INTERNAL } from '../fake-gemini/setup-validation';
import { type NodeStack, type StackOptions, startNodeStack } from '../test-support/node-stack';
import { RelayTestClient } from '../test-support/relay-test-client';

const ORIGIN = { origin: 'http://allowed.test' };
const SCRIPT = [
  { interviewer: 'First question: tell me about a project.' },
  { candidate: 'A dashboard.', interviewer: 'Second question: what was hard?' },
  { candidate: 'Speed.', interviewer: 'Third question: what would you change?' },
  { candidate: 'Nothing.', interviewer: 'Thank you, goodbye.' },
];

const stacks: NodeStack[] = [];
/** Fake log entries: a refused resume shows up as a close 1011 "Internal error encountered." */
async function stack(
  options: StackOptions = {},
): Promise<NodeStack & { fakeLog: Record<string, unknown>[] }> {
  const fakeLog: Record<string, unknown>[] = [];
  const started = await startNodeStack({
    ...options,
    fake: { script: SCRIPT, ...options.fake, log: (entry) => fakeLog.push(entry) },
  });
  stacks.push(started);
  return Object.assign(started, { fakeLog });
}

after(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

function refusedResumes(log: Record<string, unknown>[]): number {
  return log.filter((e) => e.event === 'close' && e.code === 1011 && e.reason === REASON_INTERNAL).length;
}

function interviewerLines(client: RelayTestClient): string[] {
  return client
    .finalTurns()
    .filter((t) => t.role === 'interviewer')
    .map((t) => t.text);
}

function noticeCount(client: RelayTestClient, code: string): number {
  return client.events.filter((e) => e.type === 'notice' && e.code === code).length;
}

/**
 * A live interview whose first upstream dies (1011) after the greeting and whose second connect hangs in
 * setup: resolves once the relay is waiting on that hung connect.
 */
async function hungReconnect() {
  const { fake, relay } = await stack({
    fake: { hangSetup: (id) => id === 2 },
    relay: { upstreamConnectTimeoutMs: 400 },
  });
  const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const first = await fake.nextConnection();
  first.close(1011, 'Internal error encountered.');
  const hung = await fake.nextConnection();
  await hung.waitForFrames(1);
  return { fake, client, hung };
}

describe('upstream continuity', () => {
  it('goAway mid-turn: switches after the turn with the handle sent after turnComplete (no question asked twice)', async () => {
    const { fake, relay, fakeLog } = await stack({ fake: { audioPace: 1, chunkMs: 40 } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    const first = await fake.nextConnection();
    await client.waitFor((c) => c.audioBytes().byteLength > 0, 'the first question is streaming');
    first.goAway('30s');
    await client.waitForEvent('turn-complete');
    const closed = await first.closed;
    assert.notEqual(closed.code, 1011, 'the relay closed the old connection itself');
    const second = await fake.nextConnection();
    await second.setup;
    await client.waitFor((c) => noticeCount(c, 'upstream-resumed') === 1, 'resumed');
    client.sendMessage({ type: 'text', text: 'A dashboard.' });
    await client.waitForEvent('turn-complete', 2);
    assert.deepEqual(interviewerLines(client), [SCRIPT[0]?.interviewer, SCRIPT[1]?.interviewer]);
    assert.equal(refusedResumes(fakeLog), 0, 'no resume was attempted while the old socket was open');
  });

  it('rolls over proactively before the known connection lifetime, at a turn boundary', async () => {
    const { fake, relay, fakeLog } = await stack({ relay: { upstreamRolloverMs: 300 } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    const first = await fake.nextConnection();
    const closed = await first.closed;
    assert.notEqual(closed.code, 1011);
    await client.waitFor((c) => noticeCount(c, 'upstream-resumed') >= 1, 'rolled over');
    client.sendMessage({ type: 'text', text: 'A dashboard.' });
    await client.waitForEvent('turn-complete', 2);
    assert.deepEqual(interviewerLines(client).slice(0, 2), [SCRIPT[0]?.interviewer, SCRIPT[1]?.interviewer]);
    assert.equal(
      relay.metrics.registry.value('vi_upstream_reconnects_total', { cause: 'rollover' }) >= 1,
      true,
    );
    assert.equal(refusedResumes(fakeLog), 0);
  });

  it('a hung connect is abandoned after the timeout, its socket closed, and the next attempt resumes', async () => {
    const { fake, client, hung } = await hungReconnect();
    const hungClosed = await hung.closed;
    assert.notEqual(hungClosed.code, 1011, 'the relay closed the abandoned socket, not a server deadline');
    const third = await fake.nextConnection();
    await third.setup;
    await client.waitFor((c) => noticeCount(c, 'upstream-resumed') === 1, 'resumed on the third');
    client.sendMessage({ type: 'text', text: 'A dashboard.' });
    await client.waitForEvent('turn-complete', 2);
    assert.deepEqual(interviewerLines(client), [SCRIPT[0]?.interviewer, SCRIPT[1]?.interviewer]);
    assert.ok(!client.events.some((e) => e.type === 'error'));
    assert.equal(fake.connections.length, 3, 'no further connection was opened');
  });

  it('a typed answer sent while the upstream reconnects is held and reaches the interviewer after the resume', async () => {
    const { client } = await hungReconnect();
    // The relay is between connections now: the answer must wait, not vanish.
    client.sendMessage({ type: 'text', text: 'A dashboard.' });
    await client.waitForEvent('turn-complete', 2);
    assert.deepEqual(interviewerLines(client), [SCRIPT[0]?.interviewer, SCRIPT[1]?.interviewer]);
    assert.equal(noticeCount(client, 'upstream-resumed'), 1);
    assert.ok(!client.events.some((e) => e.type === 'error'));
  });

  it('an unknown or expired resumption handle offers to continue; without an answer it ends with upstream-handle-expired', async () => {
    const saved = new Map<string, SessionCheckpoint>();
    const { relay } = await stack({
      store: { load: async (id) => saved.get(id), save: (id, checkpoint) => saved.set(id, checkpoint) },
      relay: { continuationOfferMs: 200 },
    });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    saved.set(client.session.sessionId, {
      resumeHandle: 'fake-resume-made-up',
      lastEventId: 3,
      lastAudioSeq: 0,
      history: [{ role: 'interviewer', text: 'First question: tell me about a project.' }],
      startedAtMs: Date.now(),
      ended: false,
    });
    await client.connectWebSocket({ lastEventId: 3 });
    await client.waitForEvent('ended');
    const types = client.events.map((e) => e.type);
    assert.ok(types.indexOf('continuation-offer') >= 0, 'the client was offered to continue');
    assert.ok(
      types.indexOf('continuation-offer') < types.indexOf('error'),
      'the offer came before the error',
    );
    const offer = client.events.find((e) => e.type === 'continuation-offer');
    assert.equal(offer?.type === 'continuation-offer' && offer.waitSec, 1);
    const error = client.events.find((e) => e.type === 'error');
    assert.equal(error?.type === 'error' && error.code, 'upstream-handle-expired');
    assert.equal(error?.type === 'error' && error.retryable, false);
    assert.equal(relay.metrics.registry.value('vi_errors_total', { code: 'upstream-handle-expired' }), 1);
  });

  it('a handle that expired mid-interview: continue opens a new Gemini session given the transcript, and the interview goes on', async () => {
    let handleSaved: () => void = () => {};
    const saved = new Promise<void>((resolve) => {
      handleSaved = resolve;
    });
    const { fake, relay } = await stack({
      store: {
        load: async () => undefined,
        save: (_id, checkpoint) => {
          if (checkpoint.resumeHandle) handleSaved();
        },
      },
    });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    await saved;
    const first = await fake.nextConnection();
    fake.expireHandles();
    first.close(1011, 'Internal error encountered.');
    const refused = await fake.nextConnection();
    assert.equal((await refused.closed).code, 1008, 'the resume with the expired handle was refused');
    await client.waitForEvent('continuation-offer');
    assert.ok(!client.events.some((e) => e.type === 'error' || e.type === 'ended'), 'nothing ended yet');
    client.sendMessage({ type: 'continue' });
    const fresh = await fake.nextConnection();
    const setup = await fresh.setup;
    const resumption = setup.sessionResumption as { handle?: string } | undefined;
    assert.equal(resumption?.handle, undefined, 'a new session, not a resume');
    const instruction = JSON.stringify(setup.systemInstruction);
    assert.match(instruction, /BEGIN TRANSCRIPT/);
    assert.ok(instruction.includes(JSON.stringify(JSON.stringify(SCRIPT[0]?.interviewer)).slice(1, -1)));
    assert.notEqual(fresh.conversation, first.conversation, 'a new conversation in the fake');
    await client.waitFor((c) => noticeCount(c, 'upstream-resumed') === 1, 'continued');
    await client.waitForEvent('turn-complete', 2);
    client.sendMessage({ type: 'text', text: 'A dashboard.' });
    await client.waitForEvent('turn-complete', 3);
    assert.equal(interviewerLines(client).length, 3, 'the interview went on in the new session');
    assert.ok(!client.events.some((e) => e.type === 'error'));
    assert.equal(relay.metrics.registry.value('vi_upstream_reconnects_total', { cause: 'continuation' }), 1);
  });
});
