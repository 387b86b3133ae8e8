/**
 * A Durable Object that loses its memory at every phase of an interview comes back (Miniflare / workerd):
 * before the first turn (checkpoint at creation), mid-answer (the client resends what the checkpoint had not
 * seen), and mid-report (the restored session writes the report from the saved transcript).
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { makeSilencePcm, makeSpeechPcm } from '../fake-gemini/index';
import { audioReceived } from '../test-support/fake-waits';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';
import { startWorkerStack, type WorkerStack } from '../test-support/worker-stack';

const ORIGIN = 'http://allowed.test';
const SCRIPT = [
  { interviewer: 'Hello, tell me about a project.' },
  { candidate: 'I built a dashboard.', interviewer: 'What was hard about it?' },
  { candidate: 'Speed.', interviewer: 'Thank you, goodbye.' },
];

const stacks: WorkerStack[] = [];
async function stack(options: Parameters<typeof startWorkerStack>[0] = {}): Promise<WorkerStack> {
  const started = await startWorkerStack({ ...options, fake: { script: SCRIPT, ...options.fake } });
  stacks.push(started);
  return started;
}
after(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

function lastReady(client: RelayTestClient): { lastAudioSeq: number } {
  const ready = client.events.filter((e) => e.type === 'ready').at(-1);
  return ready?.type === 'ready' ? ready : assert.fail('no ready');
}

async function restartAndReturn(restarting: WorkerStack, client: RelayTestClient): Promise<void> {
  const cursor = client.lastEventId;
  const readies = client.events.filter((e) => e.type === 'ready').length;
  await restarting.restart();
  await client.waitForClose();
  await client.connectWebSocket({ lastEventId: cursor });
  await client.waitFor((c) => c.events.filter((e) => e.type === 'ready').length > readies, 'ready again');
}

it('memory lost before the first turn: restored from the creation checkpoint, the interview starts', async () => {
  const restarting = await stack({ fake: { hangSetup: (id) => id === 1 } });
  const client = await RelayTestClient.create(restarting.url, 'frontend-mid', { origin: ORIGIN });
  await client.connectWebSocket();
  await client.waitForEvent('ready');
  await (await restarting.fake.nextConnection()).waitForFrames(1);
  await restartAndReturn(restarting, client);
  await client.waitForEvent('turn-complete');
  assert.deepEqual(client.finalTurns(), [{ role: 'interviewer', text: SCRIPT[0]?.interviewer }]);
  assert.ok(!client.events.some((e) => e.type === 'error'), 'no session-not-found');
  const fresh = restarting.fake.connections.at(-1) ?? assert.fail('no upstream');
  const setup = (await fresh.setup) as { sessionResumption?: { handle?: string } };
  assert.equal(setup.sessionResumption?.handle, undefined, 'nothing to resume yet: a fresh conversation');
});

it('memory lost mid-answer: the client resends what the checkpoint had not seen and gets the next question', async () => {
  // No barge-in: the answer starts after the greeting, not over its (still playing) audio.
  const restarting = await stack({ fake: { interruptibleUntil: 'generated', endOfSpeechSilenceMs: 300 } });
  const client = await RelayTestClient.create(restarting.url, 'frontend-mid', { origin: ORIGIN });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const speech = toFrames(makeSpeechPcm(400));
  for (const [i, frame] of speech.entries()) client.sendAudio(frame, i + 1);
  await audioReceived(
    restarting.fake,
    speech.reduce((n, f) => n + f.byteLength, 0),
  );
  await restartAndReturn(restarting, client);
  const acknowledged = lastReady(client).lastAudioSeq;
  assert.ok(acknowledged < speech.length, 'the checkpoint predates the answer');
  for (let seq = acknowledged + 1; seq <= speech.length; seq++)
    client.sendAudio(speech[seq - 1] as Uint8Array, seq);
  for (const [i, frame] of toFrames(makeSilencePcm(1000)).entries())
    client.sendAudio(frame, speech.length + i + 1);
  await client.waitFor(
    (c) => c.finalTurns().some((t) => t.text === SCRIPT[1]?.interviewer),
    'the next question',
    30_000,
  );
  assert.deepEqual(
    client.finalTurns().map((t) => t.text),
    [SCRIPT[0]?.interviewer, SCRIPT[1]?.candidate, SCRIPT[1]?.interviewer],
  );
});

it('memory lost mid-report: the restored session writes the report from the saved transcript', async () => {
  let arrived: () => void = () => {};
  const reportRequested = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const restarting = await stack({
    fake: {
      generateContent: [
        {
          text: '{}',
          hold: () => {
            arrived();
            return held;
          },
        },
      ],
    },
  });
  after(() => release());
  const client = await RelayTestClient.create(restarting.url, 'frontend-mid', { origin: ORIGIN });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  client.sendMessage({ type: 'text', text: 'I built a dashboard.' });
  await client.waitForEvent('turn-complete', 2);
  client.sendMessage({ type: 'end' });
  await reportRequested;
  await restartAndReturn(restarting, client);
  await client.waitForEvent('ended');
  const report = client.events.find((e) => e.type === 'report');
  assert.ok(report, 'the report arrived after the restart');
  const ended = client.events.at(-1);
  assert.equal(ended?.type === 'ended' && ended.reason, 'candidate-ended');
  const regraded = restarting.fake.restRequests.at(-1);
  assert.match(JSON.stringify(regraded?.body), /I built a dashboard/, 'graded on the saved transcript');
  assert.equal(restarting.fake.restRequests.length, 2, 'asked again once, after the restart');
  // The counters Workers Observability sums: one JSON `metric` line per increment.
  const metrics = restarting.logs
    .filter((line) => line.includes('"msg":"metric"'))
    .map((line) => JSON.parse(line.slice(line.indexOf('{'))) as { metric: string; labels: object });
  assert.ok(metrics.some((m) => m.metric === 'vi_sessions_started_total'));
  assert.ok(
    metrics.some(
      (m) =>
        m.metric === 'vi_sessions_ended_total' &&
        JSON.stringify(m.labels) === JSON.stringify({ reason: 'candidate-ended' }),
    ),
  );
});
