/** `npm start`'s offline interviewer, driven through the relay's WebSocket like a browser would. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, it } from 'node:test';
import { bundledTemplates } from '../core/interview-templates';
import { makeSilencePcm, makeSpeechPcm, parseWav, startSimulator } from '../fake-gemini/index';
import { startRelay } from '../node/start-relay';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';
import { reportSchemaErrors } from '../test-support/report-schema';

const clip = (n: number) =>
  parseWav(
    new Uint8Array(readFileSync(new URL(`../fake-gemini/clips/frontend-mid/0${n}.wav`, import.meta.url))),
  ).data;

// Answers go out the moment a question has streamed, faster than a listener would: count barge-in by generation.
const simulator = await startSimulator({ audioPace: 0, responseDelayMs: 0, interruptibleUntil: 'generated' });
const logs: string[] = [];
const relay = await startRelay({
  config: { geminiApiKey: 'simulated-interviewer', geminiBaseUrl: simulator.baseUrl, simulated: true },
  logSink: (line) => logs.push(line),
});
after(async () => {
  await relay.close();
  await simulator.close();
});

it('asks two spoken questions, hears two spoken answers, and says so honestly', async () => {
  const questions = (bundledTemplates.get('frontend-mid') ?? assert.fail('template')).plan.map(
    (q) => q.question,
  );
  const client = await RelayTestClient.create(relay.url, 'frontend-mid');
  assert.equal(client.session.simulated, true);
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const ready = client.events.find((e) => e.type === 'ready');
  assert.equal(ready?.type === 'ready' && ready.simulated, true, 'ready says simulated');
  assert.deepEqual(client.audioBytes(), clip(0), 'question 1 is the recorded clip, byte for byte');

  const answer = () => {
    const pcm = new Uint8Array([...makeSpeechPcm(1500), ...makeSilencePcm(1800)]);
    for (const frame of toFrames(pcm)) client.sendAudio(frame);
  };
  answer();
  await client.waitForEvent('turn-complete', 2);
  answer();
  await client.waitForEvent('turn-complete', 3);

  const turns = client.finalTurns();
  assert.deepEqual(
    turns.map((t) => t.role),
    ['interviewer', 'candidate', 'interviewer', 'candidate', 'interviewer'],
  );
  assert.deepEqual(
    turns.filter((t) => t.role === 'interviewer').map((t) => t.text),
    questions.slice(0, 3),
  );
  for (const t of turns.filter((t) => t.role === 'candidate'))
    assert.match(t.text, /^\[spoken answer, 1\.\d s\]$/);
  assert.deepEqual(client.audioBytes(), new Uint8Array([...clip(0), ...clip(1), ...clip(2)]));
  assert.ok(
    logs.some((line) => JSON.parse(line).mode === 'simulated interviewer'),
    'the log names the mode',
  );
  client.close();
});

it('the simulated report is built from the speech measured on the uplink, labelled simulated, and valid', async () => {
  const client = await RelayTestClient.create(relay.url, 'frontend-mid');
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const pcm = new Uint8Array([...makeSilencePcm(700), ...makeSpeechPcm(2000), ...makeSilencePcm(1800)]);
  for (let i = 0; i < pcm.byteLength; i += 640) client.sendAudio(pcm.subarray(i, i + 640));
  await client.waitForEvent('turn-complete', 2);
  client.sendMessage({ type: 'end' });
  await client.waitForEvent('ended');
  const event = client.events.find((e) => e.type === 'report');
  assert.ok(event?.type === 'report');
  const report = event.report;
  assert.deepEqual(reportSchemaErrors(report), []);
  assert.equal(report.simulated, true);
  assert.equal(report.status, 'complete');
  assert.match(report.summary, /^Simulated feedback/);
  const first = report.questions[0] ?? assert.fail('no question');
  assert.equal(first.delivery.mode, 'spoken');
  assert.ok(
    Math.abs(first.delivery.speakingMs - 2000) <= 100,
    `speech measured: ${first.delivery.speakingMs} ms`,
  );
  assert.deepEqual(first.delivery.flags, ['not-transcribed'], 'the simulator cannot transcribe, and says so');
  assert.equal(first.delivery.wpm, null);
  const request = simulator.restRequests.at(-1);
  assert.match(
    JSON.stringify(request?.body),
    new RegExp(`A1\\. Candidate \\[spoken; ${(first.delivery.speakingMs / 1000).toFixed(1)} s of speech`),
    'the grader is told the measured speech',
  );
  assert.equal(typeof report.overallScore, 'number');
});
