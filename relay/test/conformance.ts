/**
 * The relay's behaviour, as any client sees it, independent of the runtime: the same cases run against the
 * Node relay (conformance-node.test.ts) and the Worker in workerd (conformance-worker.test.ts).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { makeSilencePcm, makeSpeechPcm, synthesizeVoice } from '../fake-gemini/index';
import { CloseCode, concatBytes, OUTPUT_SAMPLE_RATE } from '../protocol/index';
import { audioReceived } from '../test-support/fake-waits';
import { EXPOSURE_SCRIPT, exerciseClientSurfaces } from '../test-support/key-exposure';
import { CANARY_KEY, type RelayStack, type StackOptions } from '../test-support/node-stack';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient, request } from '../test-support/relay-test-client';

export type StartStack = (options?: StackOptions) => Promise<RelayStack>;

const ORIGIN = { origin: 'http://allowed.test' };

export const SCRIPT = [
  { interviewer: 'Hello, tell me about a project you are proud of.' },
  { candidate: 'I built a dashboard.', interviewer: 'What made it hard?' },
  { candidate: 'It had to be fast.', interviewer: 'Thank you, that is all from me.' },
];

/** 20 ms frames of a spoken answer: speech, then more silence than the template's silenceDurationMs (frontend-mid: 1600). */
export function answerFrames(speechMs = 600, silenceMs = 1800): Uint8Array[] {
  return toFrames(new Uint8Array([...makeSpeechPcm(speechMs), ...makeSilencePcm(silenceMs)]));
}

export function conformanceSuite(runtime: string, start: StartStack): void {
  const stacks: RelayStack[] = [];
  const stack = async (options: StackOptions = {}) => {
    const started = await start({
      ...options,
      fake: { script: SCRIPT, interruptibleUntil: 'generated', ...options.fake },
    });
    stacks.push(started);
    return started;
  };
  after(async () => {
    await Promise.all(stacks.map((s) => s.close()));
  });

  describe(`${runtime}: sessions and turns`, () => {
    it('creates a session and answers over WebSocket, audio byte-exact both ways', async () => {
      const { url, fake } = await stack();
      const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      const answer = answerFrames();
      for (const frame of answer) client.sendAudio(frame);
      await client.waitForEvent('turn-complete', 2);
      assert.deepEqual(await audioReceived(fake, concatBytes(answer).byteLength), concatBytes(answer));
      assert.deepEqual(
        client.audioBytes(),
        concatBytes([
          synthesizeVoice(SCRIPT[0]?.interviewer ?? ''),
          synthesizeVoice(SCRIPT[1]?.interviewer ?? ''),
        ]),
      );
      assert.deepEqual(client.finalTurns(), [
        { role: 'interviewer', text: SCRIPT[0]?.interviewer },
        { role: 'candidate', text: 'I built a dashboard.' },
        { role: 'interviewer', text: 'What made it hard?' },
      ]);
      client.close();
    });

    it('answers over SSE + POST with the same events', async () => {
      const { url, fake } = await stack();
      const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      await client.connectSse();
      await client.waitForEvent('turn-complete');
      const answer = answerFrames();
      for (let i = 0; i < answer.length; i += 5) {
        const batch = answer.slice(i, i + 5).map((pcm, j): [number, Uint8Array] => [i + j + 1, pcm]);
        const result = await client.postAudio(batch);
        assert.equal(result.accepted, batch.length);
      }
      await client.waitForEvent('turn-complete', 2);
      assert.deepEqual(await audioReceived(fake, concatBytes(answer).byteLength), concatBytes(answer));
      assert.deepEqual(
        client.finalTurns().map((t) => t.text),
        [SCRIPT[0]?.interviewer, 'I built a dashboard.', 'What made it hard?'],
      );
      const typed = await client.postMessage({ type: 'text', text: 'It had to be fast.' });
      assert.equal(typed.status, 202);
      await client.waitForEvent('turn-complete', 3);
      assert.equal(client.finalTurns().at(-1)?.text, 'Thank you, that is all from me.');
      client.close();
    });

    it('forwards interrupted on barge-in', async () => {
      const { url } = await stack({ fake: { interruptibleUntil: 'played', audioPace: 1 } });
      const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitFor((c) => c.audioBytes().byteLength > 0, 'first interviewer audio');
      for (const frame of answerFrames(400, 0)) client.sendAudio(frame);
      await client.waitForEvent('interrupted');
      client.close();
    });
  });

  describe(`${runtime}: resume after a drop, nothing lost, nothing twice`, () => {
    for (const transport of ['websocket', 'sse'] as const) {
      it(`${transport}: mid-answer — every candidate frame reaches Gemini once, in order`, async () => {
        const { url, fake } = await stack();
        const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
        const connect = (lastEventId = 0) =>
          transport === 'websocket'
            ? client.connectWebSocket({ lastEventId })
            : client.connectSse({ lastEventId });
        const send = async (from: number, frames: Uint8Array[]) => {
          if (transport === 'websocket') {
            for (const [i, pcm] of frames.entries()) client.sendAudio(pcm, from + i);
          } else await client.postAudio(frames.map((pcm, i): [number, Uint8Array] => [from + i, pcm]));
        };
        await connect();
        await client.waitForEvent('turn-complete');
        const answer = answerFrames(1000, 1800);
        const half = 30;
        await send(1, answer.slice(0, half));
        client.drop();
        await client.waitForClose();
        const cursor = client.lastEventId;
        const before = client.received.length;
        await connect(cursor);
        await client.waitFor(
          (c) => c.received.slice(before).some((r) => r.kind === 'event' && r.event.type === 'ready'),
          'ready',
        );
        const ready = client.received
          .slice(before)
          .find((r) => r.kind === 'event' && r.event.type === 'ready');
        assert.ok(ready?.kind === 'event' && ready.event.type === 'ready' && ready.event.resumed);
        // A resuming client resends what it cannot know arrived; the relay keeps each frame once.
        await send(1, answer.slice(0, half));
        await send(half + 1, answer.slice(half));
        await client.waitForEvent('turn-complete', 2);
        assert.deepEqual(await audioReceived(fake, concatBytes(answer).byteLength), concatBytes(answer));
        assert.deepEqual(
          client.finalTurns().map((t) => t.text),
          [SCRIPT[0]?.interviewer, 'I built a dashboard.', 'What made it hard?'],
        );
        client.close();
      });

      it(`${transport}: mid-question — the rest of the question is replayed, nothing duplicated`, async () => {
        const { url } = await stack({ fake: { audioPace: 1 } });
        const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
        const connect = (lastEventId = 0) =>
          transport === 'websocket'
            ? client.connectWebSocket({ lastEventId })
            : client.connectSse({ lastEventId });
        await connect();
        await client.waitFor(
          (c) => c.audioBytes().byteLength >= OUTPUT_SAMPLE_RATE,
          'half a second of the question',
        );
        client.drop();
        await client.waitForClose();
        await connect(client.lastEventId);
        await client.waitForEvent('turn-complete');
        assert.deepEqual(client.audioBytes(), synthesizeVoice(SCRIPT[0]?.interviewer ?? ''));
        const ids = client.received
          .map((r) => (r.kind === 'event' ? r.event.id : r.id))
          .filter((id) => id > 0);
        assert.deepEqual(
          ids,
          [...new Set(ids)].sort((a, b) => a - b),
          'ids strictly increasing, none twice',
        );
        assert.deepEqual(client.finalTurns(), [{ role: 'interviewer', text: SCRIPT[0]?.interviewer }]);
        client.close();
      });
    }
  });

  describe(`${runtime}: liveness`, () => {
    for (const transport of ['websocket', 'sse'] as const) {
      it(`${transport}: an attached client hears a heartbeat that does not move its resume cursor`, async () => {
        const { url } = await stack({ relay: { heartbeatMs: 100 } });
        const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
        if (transport === 'websocket') await client.connectWebSocket();
        else await client.connectSse();
        await client.waitForEvent('turn-complete');
        const cursor = client.lastEventId;
        await client.waitFor(
          (c) => c.events.filter((e) => e.type === 'heartbeat').length >= 2,
          'two heartbeats',
        );
        for (const beat of client.events.filter((e) => e.type === 'heartbeat')) assert.equal(beat.id, 0);
        assert.equal(client.lastEventId, cursor);
        client.close();
      });
    }
  });

  describe(`${runtime}: errors and auth`, () => {
    it('refuses a wrong token with 4401 on WebSocket and 401 on SSE/POST', async () => {
      const { url } = await stack();
      const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      const other = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket({ token: other.session.token });
      await client.waitForClose();
      assert.equal(client.closeInfo?.code, CloseCode.Unauthorized);
      await assert.rejects(client.connectSse({ token: 'forged.token' }), /401/);
      const post = await request(url, 'POST', `/v1/sessions/${client.session.sessionId}/messages`, {
        body: { type: 'ping' },
        token: other.session.token,
      });
      assert.equal(post.status, 401);
    });

    it('refuses foreign origins and unknown interviews with typed errors', async () => {
      const { url } = await stack();
      const foreign = await request(url, 'POST', '/v1/sessions', {
        body: { interview: 'frontend-mid' },
        origin: 'https://evil.test',
      });
      assert.equal(foreign.status, 403);
      assert.equal(JSON.parse(foreign.body).error.code, 'forbidden-origin');
      const unknown = await request(url, 'POST', '/v1/sessions', { body: { interview: 'nope' }, ...ORIGIN });
      assert.equal(unknown.status, 404);
      assert.equal(JSON.parse(unknown.body).error.code, 'unknown-interview');
    });

    it('maps an upstream 1008 to a typed error and ends the session', async () => {
      const { url, fake } = await stack();
      const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      (fake.connections.at(-1) ?? assert.fail('no upstream')).close(1008, 'policy violation');
      await client.waitForEvent('ended');
      const error = client.events.find((e) => e.type === 'error');
      assert.equal(error?.type === 'error' && error.code, 'upstream-policy');
    });

    it('ends with a report when the candidate ends the interview', async () => {
      const { url } = await stack();
      const client = await RelayTestClient.create(url, 'frontend-mid', ORIGIN);
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      client.sendMessage({ type: 'text', text: 'I built a dashboard.' });
      await client.waitForEvent('turn-complete', 2);
      client.sendMessage({ type: 'end' });
      await client.waitForEvent('ended');
      assert.deepEqual(
        client.events.slice(-2).map((e) => e.type),
        ['report', 'ended'],
      );
    });

    it('never shows the Gemini key to a client or in a log line', async () => {
      const { seen, logs } = await exerciseClientSurfaces(
        await stack({ fake: { script: EXPOSURE_SCRIPT } }),
        ORIGIN.origin,
      );
      // 3 HTTP answers + create + refused POST, then ready, transcripts, report, ended and the close.
      assert.ok(seen.length >= 10, `${seen.length} client-visible items`);
      assert.ok(logs.length > 0);
      for (const item of seen) assert.ok(!item.includes(CANARY_KEY), item.slice(0, 200));
      for (const line of logs) assert.ok(!line.includes(CANARY_KEY), line.slice(0, 200));
    });
  });
}
