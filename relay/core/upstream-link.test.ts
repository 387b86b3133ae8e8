/**
 * The upstream link's re-send against the fake Gemini: a resume continues from the handle's state, so what
 * the link sent after that handle goes again, first and once; after a typed answer, later audio waits for
 * the handle of the reply; the re-send is bounded and counts what it lets go.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { type FakeConnection, type FakeGemini, startFakeGemini } from '../fake-gemini/index';
import { DEFAULT_TURN_TAKING } from './interview-plan';
import { createLogger } from './logger';
import { type LinkEvents, UpstreamLink, type UpstreamPolicy } from './upstream-link';

const SCRIPT = [
  { interviewer: 'First question?' },
  { candidate: 'An answer.', interviewer: 'Second question?' },
  { candidate: 'Another.', interviewer: 'Third question?' },
];

/** 20 ms of silence whose first sample carries `n`, so frames can be told apart. */
function frame(n: number): Uint8Array {
  const pcm = new Uint8Array(640);
  pcm[0] = n;
  return pcm;
}

const numbers = (chunks: Uint8Array[]): number[] => chunks.map((chunk) => chunk[0] ?? -1);

let fake: FakeGemini;
beforeEach(async () => {
  fake = await startFakeGemini({ script: SCRIPT });
});
afterEach(async () => {
  await fake.close();
});

interface Harness {
  link: UpstreamLink;
  log: string[];
  dropped: number[];
  /** Resolves on the next event of that kind in `log`. */
  next(kind: string): Promise<void>;
}

function openLink(policy: Partial<UpstreamPolicy> = {}): Harness {
  const log: string[] = [];
  const dropped: number[] = [];
  const waiters: { kind: string; resolve: () => void }[] = [];
  const note = (kind: string) => {
    log.push(kind);
    for (const w of waiters.filter((w) => w.kind === kind)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const events: LinkEvents = {
    audio: () => {},
    inputTranscript: () => {},
    outputTranscript: () => {},
    interrupted: () => note('interrupted'),
    turnComplete: () => note('turnComplete'),
    endInterviewCalled: () => {},
    nextQuestionCalled: () => {},
    reconnecting: () => note('reconnecting'),
    resumed: () => note('resumed'),
    failed: (code) => note(`failed ${code}`),
    handleChanged: () => note('handle'),
    audioSent: () => note('audioSent'),
    resendDropped: (bytes) => dropped.push(bytes),
  };
  const link = new UpstreamLink(
    {
      apiKey: 'test-key',
      baseUrl: fake.baseUrl,
      model: 'gemini-2.5-flash-native-audio-preview-09-2025',
      systemInstruction: 'Interview the candidate.',
      voice: 'Kore',
      language: 'en-US',
      turnTaking: DEFAULT_TURN_TAKING,
    },
    events,
    createLogger(() => {}, []),
    undefined,
    { backoff: { initialDelayMs: 10, maxDelayMs: 10, multiplier: 1, jitter: 0 }, ...policy },
  );
  const next = (kind: string) => new Promise<void>((resolve) => waiters.push({ kind, resolve }));
  return { link, log, dropped, next };
}

/** Opens the link and lets the kick-off turn finish: the handle after it is the newest. */
async function started(policy: Partial<UpstreamPolicy> = {}) {
  const harness = openLink(policy);
  const handle = harness.next('handle');
  await harness.link.open();
  const connection = await fake.nextConnection();
  const kickoffHandle = harness.next('handle');
  await handle; // the one issued at setup
  harness.link.sendText('The candidate has joined.');
  await kickoffHandle;
  return { ...harness, connection };
}

async function resumedAfter(fault: (connection: FakeConnection) => void, h: Harness, first: FakeConnection) {
  const resumed = h.next('resumed');
  fault(first);
  await resumed;
  const second = await fake.nextConnection();
  await second.setup;
  return second;
}

it('after a 1011, what was sent after the handle goes again first: the resumed conversation has it once', async () => {
  const h = await started();
  for (let n = 1; n <= 5; n++) h.link.sendAudio(frame(n));
  await h.connection.waitForFrames(1 + 1 + 5); // setup, kick-off, five frames
  assert.deepEqual(numbers(h.connection.conversation.audioChunks()), [1, 2, 3, 4, 5]);
  const second = await resumedAfter((c) => c.close(1011, 'Internal error encountered.'), h, h.connection);
  for (let n = 6; n <= 7; n++) h.link.sendAudio(frame(n));
  await second.waitForFrames(1 + 5 + 2);
  assert.equal(second.conversation, h.connection.conversation);
  assert.deepEqual(numbers(second.conversation.audioChunks()), [1, 2, 3, 4, 5, 6, 7]);
  h.link.close();
});

it('frames in flight when the TCP connection drops reach the resumed session once', async () => {
  const h = await started();
  for (let n = 1; n <= 5; n++) h.link.sendAudio(frame(n));
  // Dropped before the fake read them: without the re-send they would be gone.
  const second = await resumedAfter((c) => c.drop(), h, h.connection);
  await second.waitForFrames(1 + 5);
  assert.deepEqual(numbers(second.conversation.audioChunks()), [1, 2, 3, 4, 5]);
  h.link.close();
});

it('a typed answer whose reply the link never saw is re-sent after the resume, and answered once', async () => {
  const h = await started();
  h.link.sendText('An answer the old connection may have heard.');
  // The socket dies before the reply's handle can arrive: resumed from the kick-off's handle.
  const second = await resumedAfter((c) => c.drop(), h, h.connection);
  await h.next('turnComplete');
  assert.deepEqual(
    second.conversation.spokenTurns.map((turn) => turn.text),
    ['First question?', 'An answer the old connection may have heard.', 'Second question?'],
  );
  h.link.close();
});

it('after a typed answer, audio waits for the handle of the reply, so that handle covers exactly the answer', async () => {
  const h = await started();
  h.log.length = 0;
  h.link.sendText('My answer.');
  h.link.sendAudio(frame(1));
  await h.next('handle');
  assert.deepEqual(
    h.log.filter((kind) => kind !== 'turnComplete'),
    ['handle', 'audioSent'],
  );
  h.link.close();
});

it('the re-send keeps at most its bound of audio; what it lets go is counted', async () => {
  const h = await started({ maxResendAudioBytes: 1_300 });
  for (let n = 1; n <= 5; n++) h.link.sendAudio(frame(n));
  await h.connection.waitForFrames(1 + 1 + 5);
  assert.deepEqual(h.dropped, [640, 640, 640]);
  const second = await resumedAfter((c) => c.close(1011, 'Internal error encountered.'), h, h.connection);
  await second.waitForFrames(1 + 2);
  assert.deepEqual(numbers(second.conversation.audioChunks()), [4, 5]);
  h.link.close();
});

it('two faults in a row: the handle a resumed connection starts with keeps the re-send for the next resume', async () => {
  const h = await started();
  for (let n = 1; n <= 3; n++) h.link.sendAudio(frame(n));
  await h.connection.waitForFrames(1 + 1 + 3);
  const startHandle = h.next('handle');
  const second = await resumedAfter((c) => c.close(1011, 'Internal error encountered.'), h, h.connection);
  await startHandle;
  await second.waitForFrames(1 + 3);
  // The handle the fake issues right after setup stands for the state resumed from, without the re-send.
  const third = await resumedAfter((c) => c.drop(), h, second);
  h.link.sendAudio(frame(4));
  await third.waitForFrames(1 + 3 + 1);
  assert.deepEqual(numbers(third.conversation.audioChunks()), [1, 2, 3, 4]);
  h.link.close();
});
