/**
 * The time limit: a fixed wrap-up request to the interviewer, `time-up`, then `ended` with `time-limit`
 * once the closing turn is over; a hard stop only when the closing overruns the grace period.
 * Node only: the Worker bundles its templates, and no bundled template is short enough to wait out.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { WRAP_UP_INSTRUCTION } from '../core/candidate-controls';
import { bundledTemplates, type InterviewTemplate } from '../core/interview-templates';
import { type FakeGeminiOptions, startFakeGemini } from '../fake-gemini/index';
import { startRelay } from '../node/start-relay';
import { RelayTestClient } from '../test-support/relay-test-client';
import { isClientContent, textsSentUpstream, upstreamFrame } from '../test-support/upstream-frames';

/** About 3 s of synthesized speech: still playing at the 1 s limit. */
const LONG_QUESTION = 'Let me explain how this works, then tell me about a project you are proud of.';
const CLOSING = 'Thank you, our time is up. Goodbye.';
const SCRIPT = [
  { interviewer: LONG_QUESTION, question: { number: 1, topic: 'intro' } },
  { interviewer: 'What made it hard?', question: { number: 2, topic: 'rendering' } },
  { interviewer: CLOSING },
];

const base = bundledTemplates.get('frontend-mid') ?? assert.fail('frontend-mid');
const short: InterviewTemplate = { ...base, id: 'one-second', durationLimitSec: 1 };

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
});

async function stack(fake: FakeGeminiOptions, wrapUpGraceMs = 20_000) {
  const gemini = await startFakeGemini({ script: SCRIPT, ...fake });
  const relay = await startRelay({
    config: { geminiApiKey: 'test-key', geminiBaseUrl: gemini.baseUrl, wrapUpGraceMs },
    catalog: new Map([[short.id, short]]),
    logSink: () => {},
  });
  closers.push(async () => {
    await relay.close();
    await gemini.close();
  });
  return { url: relay.url, gemini };
}

const types = (client: RelayTestClient) =>
  client.events.filter((e) => e.type !== 'transcript' && e.type !== 'heartbeat').map((e) => e.type);

it('at the limit: time-up, the fixed wrap-up request, then ended time-limit after the closing turn', async () => {
  const { url, gemini } = await stack({ audioPace: 0 });
  const client = await RelayTestClient.create(url, short.id);
  await client.connectWebSocket();
  await client.waitForEvent('ended');
  await upstreamFrame(gemini, isClientContent(WRAP_UP_INSTRUCTION));
  const ended = client.events.at(-1);
  assert.deepEqual(ended?.type === 'ended' && ended.reason, 'time-limit');
  const notices = client.events.flatMap((e) => (e.type === 'notice' ? [e.code] : []));
  assert.deepEqual(notices, ['time-warning', 'time-up']);
  assert.deepEqual(
    client.finalTurns().map((t) => t.text),
    [LONG_QUESTION, CLOSING],
    'the closing turn was heard in full',
  );
  const order = types(client);
  assert.ok(order.indexOf('notice') < order.lastIndexOf('turn-complete'));
  assert.deepEqual(order.slice(-3), ['turn-complete', 'report', 'ended']);
  assert.equal(textsSentUpstream(gemini).at(-1), WRAP_UP_INSTRUCTION);
});

it('a question still being spoken at the limit is finished before the wrap-up is asked', async () => {
  const { url, gemini } = await stack({ audioPace: 1, interruptibleUntil: 'generated' });
  const client = await RelayTestClient.create(url, short.id);
  await client.connectWebSocket();
  await client.waitForEvent('ended');
  assert.ok(!client.events.some((e) => e.type === 'interrupted'), 'nothing cut off');
  assert.deepEqual(
    client.finalTurns().map((t) => t.text),
    [LONG_QUESTION, CLOSING],
  );
  const ended = client.events.at(-1);
  assert.deepEqual(ended?.type === 'ended' && ended.reason, 'time-limit');
  assert.equal(textsSentUpstream(gemini).at(-1), WRAP_UP_INSTRUCTION);
});

it('a closing that overruns the grace period is stopped hard, still as time-limit', async () => {
  const { url } = await stack({ audioPace: 1, interruptibleUntil: 'generated' }, 50);
  const client = await RelayTestClient.create(url, short.id);
  await client.connectWebSocket();
  await client.waitForEvent('ended');
  const ended = client.events.at(-1);
  assert.deepEqual(ended?.type === 'ended' && ended.reason, 'time-limit');
  // The long question outlasts limit + grace: the interview ends before its turn completes.
  assert.equal(client.events.filter((e) => e.type === 'turn-complete').length, 0);
});
