import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concatBytes } from '../protocol/bytes';
import { Conversation, HandleRegistry } from './conversation';
import { EnergyVad } from './energy-vad';
import { durationMs, makeSilencePcm, makeSpeechPcm, synthesizeVoice } from './pcm';
import { createScriptedInterviewer } from './scripted-interviewer';
import { splitIntoFragments } from './transcript-fragments';
import { parseWav } from './wav';
import { encodeServerMessage, LIVE_PATH, readCredentials, truncateCloseReason } from './wire';

test('truncateCloseReason keeps ≤ 123 bytes and never splits a UTF-8 character', () => {
  assert.equal(truncateCloseReason('short'), 'short');
  const cut = truncateCloseReason(`${'x'.repeat(122)}€€`);
  assert.equal(Buffer.byteLength(cut), 122);
  assert.equal(truncateCloseReason('🙂'.repeat(40)), '🙂'.repeat(30));
});

test('encodeServerMessage matches the recorded setupComplete bytes', () => {
  assert.equal(encodeServerMessage({ setupComplete: {} }).toString(), '{\n  "setupComplete": {}\n}\n');
});

test('LIVE_PATH accepts prefixes and double slashes, rejects other services', () => {
  const m = 'ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';
  for (const ok of [`//${m}`, `/${m}`, `/gemini/${m}`, `/gemini//${m}`]) assert.ok(LIVE_PATH.test(ok), ok);
  assert.ok(
    LIVE_PATH.test(
      '//ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained',
    ),
  );
  assert.ok(!LIVE_PATH.test(`//${m}X`));
  assert.ok(!LIVE_PATH.test('//ws/google.ai.generativelanguage.v2.GenerativeService.BidiGenerateContent'));
});

test('readCredentials keeps an unencoded key with + and / intact', () => {
  assert.deepEqual(readCredentials('/p?key=a+b/c=', {}), { apiKey: 'a+b/c=', accessToken: undefined });
  assert.deepEqual(readCredentials('/p?access_token=auth_tokens/x', {}).accessToken, 'auth_tokens/x');
});

test('energy VAD works on the sample timeline, with odd-sized pushes', () => {
  const vad = new EnergyVad({ endOfSpeechSilenceMs: 800 });
  const audio = concatBytes([makeSilencePcm(200), makeSpeechPcm(1000), makeSilencePcm(790)]);
  const events = [];
  for (let i = 0; i < audio.length; i += 333) events.push(...vad.push(audio.subarray(i, i + 333), 16000));
  assert.deepEqual(
    events.map((e) => e.type),
    ['speechStart'],
  );
  assert.equal(events[0]?.atMs, 200);
  assert.ok(vad.inSpeech);
  const end = vad.push(makeSilencePcm(20), 16000);
  assert.equal(end[0]?.type, 'speechEnd');
  assert.equal(end[0]?.type === 'speechEnd' && end[0].speechMs, 1000);
  assert.equal(vad.positionMs, 2010);
});

test('energy VAD hysteresis: quiet-but-not-silent frames keep speech open', () => {
  const vad = new EnergyVad();
  vad.push(makeSpeechPcm(500), 16000);
  const quiet = new Uint8Array(makeSpeechPcm(1000));
  const view = new DataView(quiet.buffer);
  for (let i = 0; i < quiet.length; i += 2) view.setInt16(i, Math.round(view.getInt16(i, true) / 3), true);
  assert.deepEqual(vad.push(quiet, 16000), [], 'RMS between stop and start thresholds sustains speech');
  assert.equal(vad.push(makeSilencePcm(800), 16000)[0]?.type, 'speechEnd');
});

test('parseWav walks chunks to find data, and the committed clips are 24 kHz mono PCM16', () => {
  const pcm = makeSpeechPcm(100, 24000);
  const header = (id: string, size: number) => {
    const b = new Uint8Array(8);
    b.set([...id].map((c) => c.charCodeAt(0)));
    new DataView(b.buffer).setUint32(4, size, true);
    return b;
  };
  const fmt = new Uint8Array(16);
  const fv = new DataView(fmt.buffer);
  fv.setUint16(0, 1, true);
  fv.setUint16(2, 1, true);
  fv.setUint32(4, 24000, true);
  fv.setUint32(8, 48000, true);
  fv.setUint16(12, 2, true);
  fv.setUint16(14, 16, true);
  const list = concatBytes([header('LIST', 3), new Uint8Array([1, 2, 3, 0])]); // odd size + pad byte
  const body = concatBytes([
    new TextEncoder().encode('WAVE'),
    header('fmt ', 16),
    fmt,
    list,
    header('data', pcm.length),
    pcm,
  ]);
  const wav = parseWav(concatBytes([header('RIFF', body.length), body]));
  assert.equal(wav.sampleRate, 24000);
  assert.deepEqual(wav.data, pcm);
  assert.throws(() => parseWav(new Uint8Array(12)), /RIFF/);
});

test('synthesized voice lasts about as long as the text takes to say', () => {
  const ms = durationMs(synthesizeVoice('Tell me about a recent project you are proud of.'), 24000);
  assert.ok(ms > 2000 && ms < 5000, `${ms} ms`);
});

test('transcription fragments concatenate back to the text', () => {
  const text = 'How do you decide where state should live in a component tree?';
  const parts = splitIntoFragments(text);
  assert.ok(parts.length > 1);
  assert.equal(parts.join(''), text);
});

test('resumption handles expire after the TTL once their conversation is closed', () => {
  let now = 0;
  const handles = new HandleRegistry(1000, () => now);
  const conversation = new Conversation(1, createScriptedInterviewer());
  conversation.turnIndex = 2;
  const handle = handles.issue(conversation);
  now = 999;
  assert.equal(handles.resolve(handle)?.snapshot.turnIndex, 2);
  now = 1001;
  assert.equal(handles.resolve(handle), undefined);
});
