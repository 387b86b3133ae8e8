/**
 * The one case the relay's re-send after a resume cannot make exact (docs/protocol.md "Upstream resume"):
 * a resume from the handle that follows a spoken answer, ended by Gemini's voice detection, while the
 * microphone keeps streaming. Audio in flight toward Gemini when it issues that handle is not re-sent.
 * Each run: a session, 400 ms of speech then silence in 20 ms frames at real-time pace, a 1011 as soon as
 * the reply is complete, the resume; then the fake's conversation is checked for every frame once, in
 * order. Runs go `parallel` at a time, so the event loop is busy as on a loaded relay.
 *
 *   tsx relay/bench/resume-race.bench.ts [runs=48] [parallel=8]
 */
import type { FakeConnection } from '../fake-gemini/index';
import { makeSilencePcm, makeSpeechPcm } from '../fake-gemini/index';
import { CANARY_KEY, startNodeStack } from '../test-support/node-stack';
import { frameStamp, stampFrame, toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';

const runs = Number(process.argv[2] ?? 48);
const parallel = Number(process.argv[3] ?? 8);
const FRAME_MS = 20;

const stack = await startNodeStack({
  relay: { createRatePerMinute: 10_000, maxSessionsPerClient: 1_000, maxSessions: 1_000 },
  fake: {
    requireApiKey: CANARY_KEY,
    script: [
      { interviewer: 'Welcome. Tell me about yourself.' },
      { candidate: 'I am a frontend engineer.', interviewer: 'What project are you proud of?' },
      { candidate: 'A design system.', interviewer: 'Why was it hard?' },
    ],
    endOfSpeechSilenceMs: 300,
    chunkMs: 200,
  },
});

const turnsOf = (client: RelayTestClient): number =>
  client.events.filter((e) => e.type === 'turn-complete').length;

async function open(): Promise<{ client: RelayTestClient; upstream: FakeConnection }> {
  const client = await RelayTestClient.create(stack.relay.url, 'frontend-mid', {
    origin: 'http://allowed.test',
  });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  return { client, upstream: stack.fake.connections.at(-1) as FakeConnection };
}

/** Frames the resumed conversation lacks (negative: frames it holds twice). */
async function run(client: RelayTestClient, upstream: FakeConnection): Promise<number> {
  const frames = [...toFrames(makeSpeechPcm(400)), ...toFrames(makeSilencePcm(2_000))];
  let sent = 0;
  let broken = false;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const frame = frames[sent];
      if (!frame) {
        clearInterval(timer);
        done();
        return;
      }
      sent++;
      client.sendAudio(stampFrame(frame, sent), sent);
      if (!broken && turnsOf(client) >= 2) {
        broken = true;
        upstream.close(1011, 'Internal error encountered.');
      }
    }, FRAME_MS);
  });
  await client.waitFor(
    (c) => c.events.some((e) => e.type === 'notice' && e.code === 'upstream-resumed'),
    'upstream resumed',
  );
  // A typed answer after the last frame: its reply proves the fake consumed every frame before it.
  const turns = turnsOf(client);
  client.sendMessage({ type: 'text', text: 'That is all.' });
  await client.waitFor((c) => turnsOf(c) > turns, 'the reply to the typed answer');
  const held = upstream.conversation.audioChunks().map(frameStamp);
  const inOrder = held.every((seq, index) => seq === index + 1);
  client.close();
  return inOrder ? sent - held.length : -1;
}

const outcomes: number[] = [];
for (let done = 0; done < runs; done += parallel) {
  const opened = [];
  for (let k = 0; k < Math.min(parallel, runs - done); k++) opened.push(await open());
  outcomes.push(...(await Promise.all(opened.map(({ client, upstream }) => run(client, upstream)))));
}
const missing = outcomes.filter((n) => n !== 0);
const detail = missing.length
  ? ` (frames missing per such run, -1 = out of order or doubled: ${missing.join(', ')})`
  : '';
process.stdout.write(
  `resume from a voice-ended answer's handle, ${parallel} streams at a time: ` +
    `${missing.length}/${outcomes.length} runs without every frame once in order${detail}\n`,
);
await stack.close();
