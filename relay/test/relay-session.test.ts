/** The Node relay against the fake Gemini, with the real SDK in between. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { makeSilencePcm, makeSpeechPcm, synthesizeVoice } from '../fake-gemini/index';
import { audioReceived } from '../test-support/fake-waits';
import { EXPOSURE_SCRIPT, exerciseClientSurfaces } from '../test-support/key-exposure';
import { CANARY_KEY, type NodeStack, startNodeStack } from '../test-support/node-stack';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';

/** The parts of the upstream `setup` frame these tests read. */
interface CapturedSetup {
  model: string;
  generationConfig: {
    responseModalities: string[];
    speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: string } }; languageCode: string };
  };
  systemInstruction: { parts: { text: string }[] };
  inputAudioTranscription: object;
  outputAudioTranscription: object;
  sessionResumption: object;
  contextWindowCompression: { slidingWindow?: object };
  tools: { functionDeclarations: { name: string }[] }[];
}

const frames = toFrames;

const stacks: NodeStack[] = [];
async function stack(options: Parameters<typeof startNodeStack>[0] = {}): Promise<NodeStack> {
  const started = await startNodeStack(options);
  stacks.push(started);
  return started;
}

after(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

const ORIGIN = { origin: 'http://allowed.test' };
const greeting = synthesizeVoice('Hello Ada, tell me about a project.');
const followUp = synthesizeVoice('Why was that hard?');
const script = [
  { interviewer: 'Hello Ada, tell me about a project.', audio: greeting },
  { candidate: 'I built a dashboard.', interviewer: 'Why was that hard?', audio: followUp },
  { candidate: 'It had to be fast.', interviewer: 'Thank you, that is all.' },
];

describe('relay <-> fake Gemini through the real SDK', () => {
  it('opens upstream with the template instructions, transcription, resumption and compression', async () => {
    const { fake, relay } = await stack({ fake: { script } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', {
      ...ORIGIN,
      variables: { candidateName: 'Ada' },
    });
    await client.connectWebSocket();
    const connection = await fake.nextConnection();
    const setup = (await connection.setup) as unknown as CapturedSetup;
    assert.match(
      connection.path,
      /\/\/ws\/google\.ai\.generativelanguage\.v1beta\.GenerativeService\.BidiGenerateContent$/,
    );
    assert.equal(setup.model, 'models/gemini-3.8-live');
    assert.deepEqual(setup.generationConfig.responseModalities, ['AUDIO']);
    assert.equal(setup.generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName, 'Kore');
    assert.equal(setup.generationConfig.speechConfig.languageCode, 'en-US');
    const instruction = setup.systemInstruction.parts[0]?.text ?? '';
    assert.match(instruction, /You are Maya, a senior frontend engineer/);
    assert.match(instruction, /greeting "Ada"/);
    assert.deepEqual(setup.inputAudioTranscription, {});
    assert.deepEqual(setup.outputAudioTranscription, {});
    assert.deepEqual(setup.sessionResumption, {});
    assert.ok(setup.contextWindowCompression.slidingWindow);
    assert.equal(setup.tools[0]?.functionDeclarations[0]?.name, 'end_interview');
    await client.waitForEvent('ready');
    const ready = client.events.find((e) => e.type === 'ready');
    assert.equal(ready?.type === 'ready' && ready.id, 0);
    client.close();
  });

  it('streams audio both ways byte-exact and merges transcripts into turns', async () => {
    // The candidate answers the moment the greeting has streamed, not after it has played out.
    const { fake, relay } = await stack({ fake: { script, interruptibleUntil: 'generated' } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    assert.deepEqual(client.audioBytes(), new Uint8Array(greeting), 'greeting audio arrives byte-exact');
    const chunks = client.received.filter((item) => item.kind === 'audio');
    assert.ok(chunks.length > 0, 'the greeting came as audio frames');
    for (const item of chunks) assert.ok(item.pcm.byteLength % 2 === 0, 'whole PCM16 samples per frame');

    // 3 s of candidate audio: 1.2 s of speech then 1.8 s of silence (over frontend-mid's 1.6 s), in 20 ms frames.
    const answer = new Uint8Array([...makeSpeechPcm(1200), ...makeSilencePcm(1800)]);
    assert.equal(answer.byteLength, 96_000);
    const answerFrames = frames(answer);
    for (const frame of answerFrames) client.sendAudio(frame);
    await client.waitForEvent('turn-complete', 2);
    assert.deepEqual(
      await audioReceived(fake, answer.byteLength),
      answer,
      '2 s of PCM arrive upstream byte-exact',
    );
    // With UPLINK_BATCH_MS set the relay joins frames into messages of up to 40 ms: compare byte streams.
    const upstreamChunks = fake.connections[0]?.conversation.audioChunks() ?? [];
    assert.ok(upstreamChunks.length >= answerFrames.length / 2, 'no message holds more than two frames');
    assert.ok(
      upstreamChunks.every((chunk) => chunk.byteLength <= 1280),
      'no realtimeInput holds more than 40 ms of audio',
    );
    assert.deepEqual(client.audioBytes(), new Uint8Array([...greeting, ...followUp]));
    assert.deepEqual(client.finalTurns(), [
      { role: 'interviewer', text: 'Hello Ada, tell me about a project.' },
      { role: 'candidate', text: 'I built a dashboard.' },
      { role: 'interviewer', text: 'Why was that hard?' },
    ]);
    const partials = client.events.filter((e) => e.type === 'transcript' && !e.final);
    assert.ok(partials.length >= 2, 'partial updates precede the final text');
    client.close();
  });

  it('forwards interrupted when the candidate barges in', async () => {
    const long = 'This is a long question that keeps going so that there is time to interrupt it politely.';
    const { relay } = await stack({ fake: { script: [{ interviewer: long }, { interviewer: 'Go on.' }] } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitFor((c) => c.audioBytes().byteLength > 0, 'first interviewer audio');
    for (const frame of frames(makeSpeechPcm(400))) client.sendAudio(frame);
    await client.waitForEvent('interrupted');
    const types = client.events.map((e) => e.type);
    assert.ok(
      types.indexOf('interrupted') < types.lastIndexOf('turn-complete'),
      'interrupted, then turn-complete',
    );
    const interviewerFinal = client.events.find(
      (e) => e.type === 'transcript' && e.final && e.role === 'interviewer',
    );
    assert.ok(interviewerFinal, 'the interrupted turn is closed as final');
    client.close();
  });

  it('asks for a feedback report at the end and sends report then ended', async () => {
    const { fake, relay } = await stack({ fake: { script } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    client.sendMessage({ type: 'text', text: 'I built a dashboard for a bakery.' });
    await client.waitForEvent('turn-complete', 2);
    client.sendMessage({ type: 'end' });
    await client.waitForEvent('ended');
    await client.waitForClose();
    const report = client.events.find((e) => e.type === 'report');
    assert.ok(report && report.type === 'report');
    assert.equal(report.report.criteria.length, 5);
    assert.ok(report.report.summary.length > 0);
    const ended = client.events.at(-1);
    assert.deepEqual(ended?.type === 'ended' && ended.reason, 'candidate-ended');
    assert.equal(client.closeInfo?.code, 1000);
    const rest = fake.restRequests.at(-1);
    assert.equal(rest?.apiKey, CANARY_KEY, 'REST key travels in x-goog-api-key');
    assert.match(JSON.stringify(rest?.body), /Candidate \[typed\]: I built a dashboard for a bakery\./);
  });
});

describe('upstream closes become typed client errors', () => {
  for (const [code, reason, expected] of [
    [1007, 'Request contains an invalid argument.', 'upstream-rejected'],
    [1008, 'models/x is not found for API version v1beta', 'upstream-policy'],
  ] as const) {
    it(`${code} → ${expected}, then ended(error)`, async () => {
      const { fake, relay } = await stack({ fake: { script } });
      const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      (await fake.nextConnection()).close(code, reason);
      await client.waitForEvent('ended');
      const error = client.events.find((e) => e.type === 'error');
      assert.equal(error?.type === 'error' && error.code, expected);
      assert.ok(
        error?.type === 'error' && !error.message.includes(reason),
        'upstream reason is not passed through',
      );
    });
  }

  it('a wrong Gemini key (1007 at setup) → upstream-rejected', async () => {
    const { relay } = await stack({ relay: { geminiApiKey: 'AIzaWRONG-key-value' } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('ended');
    const error = client.events.find((e) => e.type === 'error');
    assert.equal(error?.type === 'error' && error.code, 'upstream-rejected');
  });

  for (const [label, breakIt] of [
    [
      '1011 Internal error',
      (c: { close(code: number, reason: string): void }) => c.close(1011, 'Internal error encountered.'),
    ],
    ['a dropped TCP connection (1006)', (c: { drop(): void }) => c.drop()],
  ] as const) {
    it(`${label} is resumed with the handle, and the interview goes on`, async () => {
      const { fake, relay } = await stack({ fake: { script } });
      const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      const first = await fake.nextConnection();
      breakIt(first as never);
      const second = await fake.nextConnection();
      const setup = (await second.setup) as { sessionResumption?: { handle?: string } };
      assert.ok(setup.sessionResumption?.handle, 'the new connection resumes with a handle');
      await client.waitFor(
        (c) => c.events.some((e) => e.type === 'notice' && e.code === 'upstream-resumed'),
        'upstream-resumed notice',
      );
      client.sendMessage({ type: 'text', text: 'I built a dashboard.' });
      await client.waitForEvent('turn-complete', 2);
      assert.equal(client.finalTurns().at(-1)?.text, 'Why was that hard?');
      assert.ok(!client.events.some((e) => e.type === 'error'));
    });
  }

  it('goAway: the relay switches connections at a turn boundary before the deadline', async () => {
    const { fake, relay } = await stack({ fake: { script } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    const first = await fake.nextConnection();
    first.goAway('30s');
    const closed = await first.closed;
    assert.notEqual(closed.code, 1011, 'the relay closed the old connection itself');
    const second = await fake.nextConnection();
    assert.ok(
      ((await second.setup) as { sessionResumption?: { handle?: string } }).sessionResumption?.handle,
    );
    await client.waitFor(
      (c) => c.events.some((e) => e.type === 'notice' && e.code === 'upstream-resumed'),
      'resumed',
    );
  });
});

describe('secrets', () => {
  it('the Gemini key appears in no response, header, client-visible message or log line', async () => {
    const { seen, logs } = await exerciseClientSurfaces(
      await stack({ fake: { script: EXPOSURE_SCRIPT } }),
      ORIGIN.origin,
    );
    assert.ok(seen.length >= 10, `${seen.length} client-visible items`);
    for (const item of seen)
      assert.ok(!item.includes(CANARY_KEY), `leak in client view: ${item.slice(0, 200)}`);
    assert.ok(logs.length > 0);
    for (const line of logs) {
      assert.ok(!line.includes(CANARY_KEY), `leak in log: ${line.slice(0, 200)}`);
      assert.doesNotThrow(() => JSON.parse(line), 'every log line is JSON');
    }
  });
});

describe('several relay instances', () => {
  it('a client resuming on an instance that never had its session is told session-not-found, not given a new interview', async () => {
    const a = await stack({ fake: { script } });
    const b = await startNodeStack({ fake: { script } });
    stacks.push(b);
    const client = await RelayTestClient.create(a.relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    const cursor = client.lastEventId;
    client.close();
    await client.waitForClose();
    // Same RELAY_SECRET, so B accepts the token; but B has none of the session's history.
    const moved = RelayTestClient.forSession(b.relay.url, client.session, ORIGIN.origin);
    await moved.connectWebSocket({ lastEventId: cursor });
    await moved.waitForClose();
    assert.equal(moved.closeInfo?.code, 4404);
    assert.equal(moved.events[0]?.type === 'error' && moved.events[0].code, 'session-not-found');
    await assert.rejects(moved.connectSse({ lastEventId: cursor }), /404/);
    assert.equal(b.fake.connections.length, 0, 'B never opened a Gemini session for it');
  });
});

describe('the interviewer ends the interview', () => {
  it('end_interview mid-goodbye: the whole goodbye reaches the client before report and ended', async () => {
    const goodbye = 'Thank you so much for your time today, it was a pleasure talking with you. Goodbye.';
    const { fake, relay } = await stack({ fake: { script: [{ interviewer: goodbye }], audioPace: 1 } });
    const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
    await client.connectWebSocket();
    await client.waitFor((c) => c.audioBytes().byteLength > 0, 'the goodbye starts');
    const upstream = fake.connections.at(-1) ?? assert.fail('no upstream');
    upstream.send({
      toolCall: { functionCalls: [{ id: 'function-call-42', name: 'end_interview', args: {} }] },
    });
    await client.waitForEvent('ended');
    const types = client.events.map((e) => e.type);
    assert.ok(types.indexOf('turn-complete') < types.indexOf('ended'), 'the turn completed first');
    assert.deepEqual(client.audioBytes(), synthesizeVoice(goodbye), 'all of the goodbye arrived');
    const ended = client.events.at(-1);
    assert.equal(ended?.type === 'ended' && ended.reason, 'completed');
    assert.ok(
      upstream.frames.some((f) => JSON.stringify(f).includes('"toolResponse"')),
      'the relay answered the function call',
    );
  });
});
