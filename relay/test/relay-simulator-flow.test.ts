/**
 * `npm start`'s offline interviewer runs the interview flow: it announces each planned question (progress
 * with the plan's topics), obeys repeat / skip / done, and the report records the skip and the numbers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, it } from 'node:test';
import { bundledTemplates } from '../core/interview-templates';
import { makeSpeechPcm, parseWav, startSimulator } from '../fake-gemini/index';
import { startRelay } from '../node/start-relay';
import type { ProgressEvent } from '../protocol/index';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';

const TEMPLATE = 'graduate-behavioural';
const template = bundledTemplates.get(TEMPLATE) ?? assert.fail(TEMPLATE);
const clip = (n: number) =>
  parseWav(
    new Uint8Array(readFileSync(new URL(`../fake-gemini/clips/${TEMPLATE}/0${n}.wav`, import.meta.url))),
  ).data;

const simulator = await startSimulator({ audioPace: 0, responseDelayMs: 0, interruptibleUntil: 'generated' });
const relay = await startRelay({
  config: { geminiApiKey: 'simulated-interviewer', geminiBaseUrl: simulator.baseUrl, simulated: true },
  logSink: () => {},
});
after(async () => {
  await relay.close();
  await simulator.close();
});

const progress = (client: RelayTestClient) =>
  client.events
    .filter((e): e is ProgressEvent & { id: number } => e.type === 'progress')
    .map((e) => `${e.question}/${e.of} ${e.topic}`);

it('announces the plan, repeats, skips and takes "done" as the end of an answer', async () => {
  const client = await RelayTestClient.create(relay.url, TEMPLATE);
  assert.equal(client.session.interview.questionCount, 6);
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const topic = (n: number) => template.plan[n - 1]?.topic;
  assert.deepEqual(progress(client), [`1/6 ${topic(1)}`]);
  assert.deepEqual(client.audioBytes(), clip(0));

  client.sendMessage({ type: 'control', action: 'repeat' });
  await client.waitForEvent('turn-complete', 2);
  assert.deepEqual(client.audioBytes(), new Uint8Array([...clip(0), ...clip(0)]), 'question 1 again');
  assert.deepEqual(progress(client), [`1/6 ${topic(1)}`]);

  client.sendMessage({ type: 'control', action: 'skip' });
  await client.waitForEvent('turn-complete', 3);
  assert.deepEqual(progress(client), [`1/6 ${topic(1)}`, `2/6 ${topic(2)}`]);

  // An answer whose speech never falls silent for the template's 2 s: "I'm done" ends it.
  for (const frame of toFrames(makeSpeechPcm(1500))) client.sendAudio(frame);
  client.sendMessage({ type: 'control', action: 'done' });
  await client.waitForEvent('turn-complete', 4);
  assert.deepEqual(progress(client).at(-1), `3/6 ${topic(3)}`);
  assert.deepEqual(
    client.audioBytes(),
    new Uint8Array([...clip(0), ...clip(0), ...clip(1), ...clip(2)]),
    'each line is its recorded clip',
  );

  client.sendMessage({ type: 'end' });
  await client.waitForEvent('ended');
  const report = client.events.find((e) => e.type === 'report');
  assert.ok(report?.type === 'report');
  assert.equal(report.report.delivery.questionsSkipped, 1);
  const numbered = report.report.questions.map((q) => [q.number, q.skipped]);
  assert.deepEqual(
    numbered,
    [
      [1, false],
      [1, true],
      [2, false],
      [3, false],
    ],
    'question 1, asked again and skipped, then 2 and 3',
  );
});
