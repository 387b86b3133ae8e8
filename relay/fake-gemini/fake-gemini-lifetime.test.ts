import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveConnectConfig } from '@google/genai';
import { startFakeGemini } from './fake-gemini-server';
import { AUDIO_CONFIG, isTurnComplete, openLiveClient, outputText } from './live-test-client';
import { makeSilencePcm } from './pcm';
import type { FakeGemini, ScriptedTurn } from './types';

const SCRIPT: ScriptedTurn[] = [
  { interviewer: 'First question?' },
  { interviewer: 'Second question?' },
  { interviewer: 'Third question?' },
];

test('connection lifetime: goAway with the time left, then 1011 "Deadline expired…"', async (t) => {
  const fake = await startFakeGemini({ connectionLifetimeMs: 400, goAwayLeadMs: 250 });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  await client.connected;
  const goAway = await client.waitFor((m) => !!m.goAway);
  assert.deepEqual(goAway.goAway, { timeLeft: '0.25s' });
  assert.deepEqual(await client.closed, {
    code: 1011,
    reason: 'Deadline expired before operation could complete.',
  });
  assert.deepEqual(client.errors, [], 'a server close after setup raises no onerror');
});

/**
 * A first connection through the first interviewer turn: optional audio, the kick-off, then the turn and the
 * resumption handle Gemini sends after it.
 */
async function throughFirstTurn(fake: FakeGemini, config: LiveConnectConfig, audioFirst?: Uint8Array) {
  const first = openLiveClient(fake, config);
  const s1 = await first.connected;
  const c1 = await fake.nextConnection();
  if (audioFirst) await first.sendAudio(audioFirst);
  s1.sendClientContent({ turns: 'The candidate has joined.' });
  const done = await first.waitFor(isTurnComplete);
  const update = await first.waitFor(
    (m) => !!m.sessionResumptionUpdate?.newHandle,
    first.messages.indexOf(done),
  );
  return { first, s1, c1, update, handle: update.sessionResumptionUpdate?.newHandle as string };
}

test('resume with a handle continues the script on a new connection', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const config = { ...AUDIO_CONFIG, sessionResumption: {} };
  const { s1, c1, handle } = await throughFirstTurn(fake, config);
  s1.close();
  assert.equal((await c1.closed).code, 1005);

  const second = openLiveClient(fake, { ...config, sessionResumption: { handle } });
  const s2 = await second.connected;
  const c2 = await fake.nextConnection();
  assert.equal(c2.conversation, c1.conversation);
  assert.deepEqual(c2.conversation.connections, [c1, c2]);
  s2.sendRealtimeInput({ text: 'My answer.' });
  await second.waitFor(isTurnComplete);
  assert.equal(outputText(second.messages), 'Second question?');
  assert.deepEqual(
    c2.conversation.spokenTurns.map((s) => s.text),
    ['First question?', 'My answer.', 'Second question?'],
  );
  s2.close();
});

test('a resume continues from the state the handle was issued in: input consumed after it is gone', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const config = { ...AUDIO_CONFIG, sessionResumption: {} };
  const { first, s1, c1, update, handle } = await throughFirstTurn(fake, config, makeSilencePcm(20));
  // After the handle: more audio and a typed answer the interviewer replies to, on the old connection.
  await first.sendAudio(makeSilencePcm(20));
  await first.sendAudio(makeSilencePcm(20));
  s1.sendRealtimeInput({ text: 'An answer the resumed session never heard.' });
  await first.waitFor(isTurnComplete, first.messages.indexOf(update));
  assert.equal(c1.conversation.audioChunks().length, 3);
  assert.equal(c1.conversation.spokenTurns.length, 3);
  s1.close();
  await c1.closed;

  const second = openLiveClient(fake, { ...config, sessionResumption: { handle } });
  const s2 = await second.connected;
  const c2 = await fake.nextConnection();
  await c2.setup;
  assert.equal(c2.conversation, c1.conversation);
  assert.equal(c2.conversation.audioChunks().length, 1, 'only the audio consumed before the handle');
  assert.deepEqual(
    c2.conversation.spokenTurns.map((s) => s.text),
    ['First question?'],
  );
  s2.sendRealtimeInput({ text: 'My answer.' });
  await second.waitFor(isTurnComplete);
  assert.equal(outputText(second.messages), 'Second question?', 'the turn after the handle, once');
  s2.close();
});

test('resuming while the old socket is still open closes the NEW one with 1011', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const config = { ...AUDIO_CONFIG, sessionResumption: {} };
  const first = openLiveClient(fake, config);
  const s1 = await first.connected;
  const update = await first.waitFor((m) => !!m.sessionResumptionUpdate?.newHandle);
  const handle = update.sessionResumptionUpdate?.newHandle as string;

  const second = openLiveClient(fake, { ...config, sessionResumption: { handle } });
  const result = await Promise.race([second.connected.then(() => 'connected' as const), second.closed]);
  assert.deepEqual(result, { code: 1011, reason: 'Internal error encountered.' });
  const c1 = fake.connections[0];
  assert.ok(c1);
  assert.equal(c1.conversation.connections.length, 1, 'the old connection keeps its conversation');
  s1.sendRealtimeInput({ text: 'still here' });
  await first.waitFor(isTurnComplete);
  s1.close();
});

test('an unknown resumption handle closes 1008 (unverified choice of code)', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake, { ...AUDIO_CONFIG, sessionResumption: { handle: 'made-up' } });
  const result = await Promise.race([client.connected.then(() => 'connected' as const), client.closed]);
  assert.deepEqual(result, { code: 1008, reason: 'Session resumption handle is invalid or expired.' });
});

test('goAway() and close() on demand, for relay tests that drive reconnection by hand', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  await client.connected;
  const conn = await fake.nextConnection();
  conn.goAway('50s');
  assert.deepEqual((await client.waitFor((m) => !!m.goAway)).goAway, { timeLeft: '50s' });
  conn.close(1011, 'Deadline expired before operation could complete.');
  assert.equal((await client.closed).code, 1011);
  assert.equal((await conn.closed).code, 1011);
});
