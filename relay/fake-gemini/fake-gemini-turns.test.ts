import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ActivityHandling } from '@google/genai';
import { startFakeGemini } from './fake-gemini-server';
import {
  AUDIO_CONFIG,
  audioOut,
  isAudioChunk,
  isInterrupted,
  isTurnComplete,
  openLiveClient,
  outputText,
} from './live-test-client';
import { makeSilencePcm, makeSpeechPcm, synthesizeVoice } from './pcm';
import type { ScriptedTurn } from './types';

const KICKOFF = 'The candidate has joined. Greet them and ask the first question.';
const SCRIPT: ScriptedTurn[] = [
  { interviewer: 'Hello and welcome. Tell me about a recent project.' },
  { candidate: 'I rebuilt our checkout page in TypeScript.', interviewer: 'What made it hard?' },
  { candidate: 'Legacy state.', interviewer: 'Thanks, that is all for today.' },
];

test('scripted turn order: inputTranscription → audio + outputTranscription → generationComplete → turnComplete + usage → handle', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  // NO_INTERRUPTION: the answer may start while the greeting still "plays" (pace 0 sends it at once).
  const realtimeInputConfig = { activityHandling: ActivityHandling.NO_INTERRUPTION };
  const client = openLiveClient(fake, { ...AUDIO_CONFIG, sessionResumption: {}, realtimeInputConfig });
  const session = await client.connected;
  const conn = await fake.nextConnection();

  session.sendClientContent({ turns: KICKOFF });
  await client.waitFor(isTurnComplete);
  const first = client.messages.length;
  assert.equal(outputText(client.messages), SCRIPT[0]?.interviewer);
  assert.ok(
    client.messages.every((m) => !m.serverContent?.inputTranscription),
    'no input transcription for the text kick-off',
  );
  await client.waitFor((m) => m.sessionResumptionUpdate?.resumable === true, first - 1);

  await client.sendAudio(makeSpeechPcm(1200));
  await client.sendAudio(makeSilencePcm(1000));
  const done = await client.waitFor(isTurnComplete, first);
  const end = client.messages.indexOf(done);
  const handle = await client.waitFor((m) => !!m.sessionResumptionUpdate?.newHandle, end);
  const turn = client.messages.slice(first, client.messages.indexOf(handle) + 1);
  const kinds = turn.map((m) => {
    if (m.sessionResumptionUpdate) return m.sessionResumptionUpdate.resumable ? 'handle' : 'not-resumable';
    const sc = m.serverContent;
    if (sc?.inputTranscription) return 'in';
    if (sc?.outputTranscription) return 'out';
    if (sc?.modelTurn) return 'audio';
    if (sc?.generationComplete) return 'generationComplete';
    if (sc?.turnComplete) return m.usageMetadata ? 'turnComplete+usage' : 'turnComplete';
    return 'other';
  });
  const compact = kinds.filter((k, i) => k !== kinds[i - 1]).join(' ');
  assert.match(
    compact,
    /^in not-resumable audio out (audio( out)? )*generationComplete turnComplete\+usage handle$/,
  );
  assert.ok(kinds.includes('in'));
  const heard = turn.map((m) => m.serverContent?.inputTranscription?.text ?? '').join('');
  assert.equal(heard.trim(), SCRIPT[1]?.candidate);
  assert.equal(outputText(turn), SCRIPT[1]?.interviewer);
  assert.equal(audioOut(turn).length, synthesizeVoice(SCRIPT[1]?.interviewer ?? '').length);
  assert.equal(done.usageMetadata?.responseTokensDetails?.[0]?.modality, 'AUDIO');
  assert.deepEqual(conn.conversation.spokenTurns, [
    { role: 'interviewer', text: SCRIPT[0]?.interviewer },
    { role: 'candidate', text: SCRIPT[1]?.candidate },
    { role: 'interviewer', text: SCRIPT[1]?.interviewer },
  ]);
  session.close();
});

test('audio bytes are recorded byte-exact, in order, chunk by chunk', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  const chunks = [randomBytes(3200), randomBytes(1), randomBytes(641), randomBytes(5000)];
  for (const c of chunks) await client.sendAudio(c);
  session.sendRealtimeInput({ text: 'typed' });
  await conn.waitForFrames(1 + chunks.length + 1);
  assert.deepEqual(conn.conversation.audioChunks().map(Buffer.from), chunks);
  assert.deepEqual(Buffer.from(conn.conversation.audioIn()), Buffer.concat(chunks));
  assert.deepEqual(conn.frames.at(-1), { realtimeInput: { text: 'typed' } });
  session.close();
});

test('energy VAD ends the answer on PCM-timeline silence (audio sent faster than real time)', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT, endOfSpeechSilenceMs: 800 });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  session.sendClientContent({ turns: KICKOFF });
  await client.waitFor(isTurnComplete);
  assert.equal(conn.conversation.turnIndex, 1);

  await client.sendAudio(makeSpeechPcm(600));
  await client.sendAudio(makeSilencePcm(700));
  await conn.waitForFrames(4);
  assert.equal(conn.conversation.turnIndex, 1, '700 ms of silence is not the end of the answer yet');

  const before = client.messages.length;
  await client.sendAudio(makeSilencePcm(200));
  await conn.waitForFrames(5);
  assert.equal(conn.conversation.turnIndex, 2, '900 ms of silence is');
  await client.waitFor(isTurnComplete, before);
  assert.equal(outputText(client.messages, before), SCRIPT[1]?.interviewer);
  session.close();
});

test('a short noise burst (< 250 ms) is not an answer', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  await client.sendAudio(makeSpeechPcm(150));
  await client.sendAudio(makeSilencePcm(1500));
  await conn.waitForFrames(3);
  assert.equal(conn.conversation.turnIndex, 0);
  session.sendRealtimeInput({ audioStreamEnd: true });
  await client.waitFor(isTurnComplete);
  assert.equal(conn.conversation.turnIndex, 1, 'audioStreamEnd flushes the unanswered speech');
  session.close();
});

test('barge-in while the model speaks: interrupted, then turnComplete', async (t) => {
  const long = makeSpeechPcm(3000, 24000);
  const fake = await startFakeGemini({
    script: [{ interviewer: 'A long question.', audio: long }, ...SCRIPT],
  });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  session.sendClientContent({ turns: KICKOFF });
  await client.waitFor(isAudioChunk);
  // At pace 0 every chunk is already sent, but the client is still playing it: speech interrupts.
  await client.sendAudio(makeSpeechPcm(300));
  const interrupted = await client.waitFor(isInterrupted);
  const after = client.messages.slice(client.messages.indexOf(interrupted) + 1);
  assert.ok(after[0] && isTurnComplete(after[0]), 'turnComplete follows interrupted');
  session.close();
  await conn.closed;
});

test('barge-in at real-time pace stops the chunks and skips generationComplete', async (t) => {
  const long = makeSpeechPcm(3000, 24000);
  const fake = await startFakeGemini({
    audioPace: 1,
    script: [{ interviewer: 'One two three four five six seven eight.', audio: long }],
  });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  session.sendClientContent({ turns: KICKOFF });
  await client.waitFor(isAudioChunk);
  await client.sendAudio(makeSpeechPcm(300));
  const interrupted = await client.waitFor(isInterrupted);
  const end = client.messages.indexOf(interrupted);
  assert.ok(audioOut(client.messages, 0, end).length < long.length, 'fewer chunks than the full turn');
  assert.ok(!client.messages.some((m) => m.serverContent?.generationComplete));
  const said = conn.conversation.spokenTurns[0]?.text ?? '';
  assert.ok(
    said.length < 'One two three four five six seven eight.'.length,
    `kept only what was sent: "${said}"`,
  );
  session.close();
});

test('end_interview: toolCall after the closing turn, toolResponse answered, interruption cancels it', async (t) => {
  const fake = await startFakeGemini({
    script: [SCRIPT[0] as ScriptedTurn, { interviewer: 'Goodbye.', audio: makeSpeechPcm(2000, 24000) }],
  });
  t.after(() => fake.close());
  const tools = [{ functionDeclarations: [{ name: 'end_interview', description: 'Ends the interview.' }] }];
  const client = openLiveClient(fake, { ...AUDIO_CONFIG, tools });
  const session = await client.connected;
  session.sendClientContent({ turns: KICKOFF });
  await client.waitFor(isTurnComplete);
  session.sendRealtimeInput({ text: 'My answer.' });
  const call = await client.waitFor((m) => !!m.toolCall);
  const fc = call.toolCall?.functionCalls?.[0];
  assert.equal(fc?.name, 'end_interview');
  assert.deepEqual(fc?.args, {});
  assert.match(fc?.id ?? '', /^function-call-\d+$/);
  const closing = client.messages.filter(isTurnComplete).length;
  assert.equal(closing, 2, 'the call comes after the closing turn completed');

  // Speech while the closing audio still plays cancels the pending call.
  await client.sendAudio(makeSpeechPcm(300));
  const cancel = await client.waitFor((m) => !!m.toolCallCancellation);
  assert.deepEqual(cancel.toolCallCancellation?.ids, [fc?.id]);

  // The next answer gets the closing again, and a fresh call that is answered.
  const from = client.messages.length;
  session.sendRealtimeInput({ text: 'Sorry, go on.' });
  const again = await client.waitFor((m) => !!m.toolCall, from);
  const id = again.toolCall?.functionCalls?.[0]?.id ?? '';
  assert.notEqual(id, fc?.id);
  const beforeResponse = client.messages.length;
  session.sendToolResponse({ functionResponses: [{ id, name: 'end_interview', response: { ok: true } }] });
  await client.waitFor(isTurnComplete, beforeResponse);
  session.close();
});

test('no toolCall when end_interview is not declared', async (t) => {
  const fake = await startFakeGemini({ script: [SCRIPT[0] as ScriptedTurn] });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  session.sendClientContent({ turns: KICKOFF });
  await client.waitFor(isTurnComplete);
  assert.equal(conn.conversation.finished, true);
  assert.ok(!client.messages.some((m) => m.toolCall));
  session.close();
});

test('TEXT modality gets text parts instead of audio', async (t) => {
  const fake = await startFakeGemini({ script: SCRIPT });
  t.after(() => fake.close());
  const client = openLiveClient(fake, { responseModalities: ['TEXT' as never] });
  const session = await client.connected;
  session.sendClientContent({ turns: KICKOFF });
  const done = await client.waitFor(isTurnComplete);
  const text = client.messages
    .slice(0, client.messages.indexOf(done))
    .flatMap((m) => m.serverContent?.modelTurn?.parts ?? [])
    .map((p) => p.text ?? '')
    .join('');
  assert.equal(text, SCRIPT[0]?.interviewer);
  assert.ok(!client.messages.some(isAudioChunk));
  session.close();
});
