import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ActivityHandling } from '@google/genai';
import { startSimulator } from './fake-gemini-server';
import { AUDIO_CONFIG, audioOut, isTurnComplete, openLiveClient, outputText } from './live-test-client';
import { makeSilencePcm, makeSpeechPcm } from './pcm';
import { DEFAULT_CLIPS_DIR, loadTemplates } from './simulated-interviewer';
import { parseWav } from './wav';

const clip = (id: string, n: number) =>
  Buffer.from(
    parseWav(new Uint8Array(readFileSync(`${DEFAULT_CLIPS_DIR}/${id}/${String(n).padStart(2, '0')}.wav`)))
      .data,
  );

const tools = [{ functionDeclarations: [{ name: 'end_interview', description: 'End the interview.' }] }];

test('simulator: speaks the committed clips of the named template, then calls end_interview', async (t) => {
  const fake = await startSimulator({ audioPace: 0, responseDelayMs: 0, retainHistory: true });
  t.after(() => fake.close());
  const template = loadTemplates().find((x) => x.id === 'backend-senior');
  assert.ok(template);
  const client = openLiveClient(fake, {
    ...AUDIO_CONFIG,
    tools,
    // The answer may start while the question still "plays": the clips last several seconds of wall clock.
    realtimeInputConfig: { activityHandling: ActivityHandling.NO_INTERRUPTION },
    systemInstruction: 'You are Daniel, a staff backend engineer.\nInterview template: backend-senior\n',
  });
  const session = await client.connected;
  const conn = await fake.nextConnection();

  session.sendClientContent({ turns: 'The candidate has joined. Greet them and ask the first question.' });
  let done = await client.waitFor(isTurnComplete);
  let end = client.messages.indexOf(done);
  assert.deepEqual(
    audioOut(client.messages, 0, end),
    clip('backend-senior', 0),
    'question 1 is the committed clip',
  );
  assert.equal(outputText(client.messages, 0, end), template.questions[0]?.question);

  // A spoken answer, ended by the energy VAD: honest placeholder transcription, then question 2.
  let from = client.messages.length;
  await client.sendAudio(makeSpeechPcm(2000));
  await client.sendAudio(makeSilencePcm(1000));
  done = await client.waitFor(isTurnComplete, from);
  end = client.messages.indexOf(done);
  const heard = client.messages
    .slice(from, end)
    .map((m) => m.serverContent?.inputTranscription?.text ?? '')
    .join('');
  assert.match(heard.trim(), /^\[spoken answer, 2\.\d s\]$/);
  assert.deepEqual(audioOut(client.messages, from, end), clip('backend-senior', 1));
  assert.equal(outputText(client.messages, from, end), template.questions[1]?.question);

  // Typed answers for the rest; the last one gets the closing clip and the end_interview call.
  for (let q = 2; q <= template.questions.length; q++) {
    from = client.messages.length;
    session.sendRealtimeInput({ text: `Typed answer ${q}.` });
    done = await client.waitFor(isTurnComplete, from);
    end = client.messages.indexOf(done);
    assert.deepEqual(audioOut(client.messages, from, end), clip('backend-senior', q));
    assert.ok(
      !client.messages.slice(from, end).some((m) => m.serverContent?.inputTranscription),
      'typed: no transcription',
    );
  }
  assert.equal(outputText(client.messages, from), template.closing);
  const call = await client.waitFor((m) => !!m.toolCall, from);
  assert.equal(call.toolCall?.functionCalls?.[0]?.name, 'end_interview');
  assert.equal(conn.conversation.finished, true);
  assert.equal(
    conn.conversation.spokenTurns.filter((s) => s.role === 'interviewer').length,
    template.questions.length + 1,
  );
  session.close();
});

test('simulator: no `Interview template:` line falls back to the first template', async (t) => {
  const logs: Record<string, unknown>[] = [];
  const fake = await startSimulator({ audioPace: 0, responseDelayMs: 0, log: (e) => logs.push(e) });
  t.after(() => fake.close());
  const client = openLiveClient(fake, { ...AUDIO_CONFIG, systemInstruction: 'Be nice.' });
  const session = await client.connected;
  session.sendRealtimeInput({ text: 'The candidate has joined.' });
  const done = await client.waitFor(isTurnComplete);
  const first = loadTemplates()[0];
  assert.ok(first);
  assert.equal(outputText(client.messages, 0, client.messages.indexOf(done)), first.questions[0]?.question);
  assert.ok(logs.some((e) => e.event === 'simulator.template-fallback'));
  session.close();
});

test('simulator: real-time pace and a response delay by default; barge-in; a short pause stays one answer', async (t) => {
  // The simulator's own defaults (real-time pace, its response delay): what `npm start` runs.
  const fake = await startSimulator();
  t.after(() => fake.close());
  const client = openLiveClient(fake, {
    ...AUDIO_CONFIG,
    systemInstruction: 'Interview template: product-manager',
  });
  const session = await client.connected;
  const conn = await fake.nextConnection();
  session.sendRealtimeInput({ text: 'The candidate has joined.' });
  await conn.waitForFrames(2); // setup, then the kick-off
  // The delay is a timer: the moment the kick-off is handled, no turn has started (without it, one would).
  assert.equal(conn.conversation.turnIndex, 0, 'the reply waits for the response delay');
  await client.waitFor((m) => !!m.serverContent?.modelTurn);
  assert.equal(conn.conversation.turnIndex, 1, 'then the first question starts');
  // Real-time pace: after the first chunk, the rest of a ~7 s clip cannot have been sent yet.
  assert.ok(!client.messages.some((m) => m.serverContent?.generationComplete));
  // Barge-in with speech interrupts the question.
  await client.sendAudio(makeSpeechPcm(300));
  await client.waitFor((m) => m.serverContent?.interrupted === true);
  // Silence shorter than the end-of-speech threshold, then more speech: still one answer in progress.
  await client.sendAudio(makeSilencePcm(500));
  await client.sendAudio(makeSpeechPcm(400));
  await client.sendAudio(makeSilencePcm(900));
  await conn.waitForFrames(6);
  const candidate = conn.conversation.spokenTurns.filter((s) => s.role === 'candidate');
  assert.equal(candidate.length, 1);
  assert.match(candidate[0]?.text ?? '', /^\[spoken answer, 1\.\d s\]$/);
  session.close();
});

test('simulator: speech during the response delay holds the reply and merges the answer', async (t) => {
  const fake = await startSimulator({ audioPace: 0, responseDelayMs: 2000 });
  t.after(() => fake.close());
  const client = openLiveClient(fake, {
    ...AUDIO_CONFIG,
    systemInstruction: 'Interview template: frontend-mid',
  });
  await client.connected;
  const conn = await fake.nextConnection();
  // Answer, pause long enough for the VAD to end it, then go on talking before the reply starts.
  await client.sendAudio(makeSpeechPcm(400));
  await client.sendAudio(makeSilencePcm(900));
  await client.sendAudio(makeSpeechPcm(400));
  await client.sendAudio(makeSilencePcm(900));
  const heard = await client.waitFor((m) => !!m.serverContent?.inputTranscription);
  assert.match(heard.serverContent?.inputTranscription?.text ?? '', /\[spoken answer, 0\.8 s\]/);
  await client.waitFor(isTurnComplete);
  assert.deepEqual(
    conn.conversation.spokenTurns.map((s) => s.role),
    ['candidate', 'interviewer'],
  );
});

test('startSimulator forgets closed connections and received audio (long-running npm start)', async (t) => {
  const fake = await startSimulator({ audioPace: 0, responseDelayMs: 0 });
  t.after(() => fake.close());
  const client = openLiveClient(fake, AUDIO_CONFIG);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  await client.sendAudio(makeSpeechPcm(100));
  await conn.waitForFrames(2);
  assert.deepEqual(conn.frames, []);
  assert.equal(conn.conversation.audioIn().length, 0);
  assert.equal(fake.connections.length, 1);
  session.close();
  await conn.closed;
  assert.equal(fake.connections.length, 0);
});
