/** The fake's interview-flow behaviour, through the official SDK: what the relay's flow relies on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Behavior, EndSensitivity, type LiveConnectConfig, Type } from '@google/genai';
import { startFakeGemini } from './index';
import { AUDIO_CONFIG, isTurnComplete, openLiveClient, outputText } from './live-test-client';
import { makeSilencePcm, makeSpeechPcm } from './pcm';

const NEXT_QUESTION = {
  name: 'next_question',
  behavior: Behavior.NON_BLOCKING,
  parameters: {
    type: Type.OBJECT,
    properties: { number: { type: Type.INTEGER }, topic: { type: Type.STRING } },
  },
};
const SCRIPT = [
  { interviewer: 'First question?', question: { number: 1, topic: 'one' } },
  { interviewer: 'Second question?', question: { number: 2, topic: 'two' } },
  { interviewer: 'Goodbye.' },
];
const FLOW_CONFIG: LiveConnectConfig = {
  ...AUDIO_CONFIG,
  tools: [{ functionDeclarations: [NEXT_QUESTION] }],
  realtimeInputConfig: {
    automaticActivityDetection: {
      silenceDurationMs: 1500,
      endOfSpeechSensitivity: EndSensitivity.END_SENSITIVITY_LOW,
    },
  },
};

test('realtimeInputConfig: the documented fields and enum values are accepted, anything else is 1007', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const ok = openLiveClient(fake, FLOW_CONFIG);
  (await ok.connected).close();
  for (const automaticActivityDetection of [
    { endOfSpeechSensitivity: 'END_SENSITIVITY_MEDIUM' },
    { silenceDurationMs: 1.5 },
    { silenceDurationMs: -1 },
    { silenceMs: 1500 },
  ]) {
    const bad = openLiveClient(fake, {
      ...AUDIO_CONFIG,
      realtimeInputConfig: { automaticActivityDetection } as LiveConnectConfig['realtimeInputConfig'],
    });
    const result = await Promise.race([bad.connected.then(() => 'connected' as const), bad.closed]);
    assert.deepEqual(
      result,
      { code: 1007, reason: 'Request contains an invalid argument.' },
      JSON.stringify(automaticActivityDetection),
    );
  }
});

test('a planned question opens with a next_question call, before its audio; undeclared, none is made', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const client = openLiveClient(fake, { ...FLOW_CONFIG, sessionResumption: {} });
  const session = await client.connected;
  session.sendClientContent({ turns: 'Begin.' });
  await client.waitFor(isTurnComplete);
  const callAt = client.messages.findIndex((m) => m.toolCall);
  const audioAt = client.messages.findIndex((m) => m.serverContent?.modelTurn);
  assert.ok(callAt >= 0 && callAt < audioAt, 'toolCall first');
  const call = client.messages[callAt]?.toolCall?.functionCalls?.[0];
  assert.equal(call?.name, 'next_question');
  assert.deepEqual(call?.args, { number: 1, topic: 'one' });
  assert.match(call?.id ?? '', /^function-call-\d{19}$/);
  // Not resumable while the call is unanswered; answered, a fresh handle follows.
  const resumable = (from: number) =>
    client.messages.slice(from).filter((m) => m.sessionResumptionUpdate?.resumable === true);
  assert.deepEqual(resumable(callAt), [], 'no handle while next_question is pending');
  const from = client.messages.length;
  session.sendToolResponse({
    functionResponses: [{ id: call?.id ?? '', name: 'next_question', response: { result: 'ok' } }],
  });
  const update = await client.waitFor((m) => m.sessionResumptionUpdate?.resumable === true, from);
  assert.ok(update.sessionResumptionUpdate?.newHandle);
  session.close();

  const plain = openLiveClient(fake, AUDIO_CONFIG);
  const other = await plain.connected;
  other.sendClientContent({ turns: 'Begin.' });
  await plain.waitFor(isTurnComplete);
  assert.ok(!plain.messages.some((m) => m.toolCall));
  other.close();
});

test('tagged control requests: repeat says the last line again, skip moves on, wrap-up closes', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const client = openLiveClient(fake, { ...FLOW_CONFIG, tools: [] });
  const session = await client.connected;
  const turn = async (text: string) => {
    const from = client.messages.length;
    session.sendClientContent({ turns: text });
    const done = await client.waitFor(isTurnComplete, from);
    return outputText(client.messages, from, client.messages.indexOf(done));
  };
  assert.equal(await turn('Begin.'), 'First question?');
  assert.equal(await turn('[control: repeat] Repeat your last question.'), 'First question?');
  assert.equal(await turn('[control: skip] Move on.'), 'Second question?');
  assert.equal(await turn('[control: wrap-up] Time is up.'), 'Goodbye.');
  const conn = fake.connections.at(-1) ?? assert.fail('no connection');
  assert.deepEqual(
    conn.conversation.spokenTurns.filter((s) => s.role === 'candidate'),
    [],
    'control requests are not answers',
  );
  session.close();
});

test("the energy VAD waits for the setup's silenceDurationMs", async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const client = openLiveClient(fake, { ...FLOW_CONFIG, tools: [] });
  const session = await client.connected;
  session.sendClientContent({ turns: 'Begin.' });
  await client.waitFor(isTurnComplete);
  const conn = fake.connections.at(-1) ?? assert.fail('no connection');
  await client.sendAudio(makeSpeechPcm(800));
  await client.sendAudio(makeSilencePcm(1200));
  // A 1.2 s pause is thinking time under a 1.5 s setting: prove it by a later frame being handled first.
  session.sendRealtimeInput({ text: 'marker' });
  await conn.waitForFrames(5);
  assert.equal(conn.conversation.spokenTurns.filter((s) => s.role === 'candidate').at(0)?.text, 'marker');
  session.close();
});
