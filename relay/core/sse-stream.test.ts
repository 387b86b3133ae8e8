/**
 * The SSE downlink toward a reader that stops reading is bounded: interviewer audio is dropped past the first
 * limit (events still go), and past the second the stream ends with an error and the sink detaches, so the
 * client reconnects and catches up from the replay log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientSink } from './client-sink';
import { openSseStream, type SseSession } from './sse-stream';

const LIMITS = { dropAudioBytes: 4_000, closeBytes: 20_000 };

/** A session that records what the stream does to it. */
function recordingSession(): SseSession & { sink?: ClientSink; detached: number; dropped: number } {
  const session = {
    sink: undefined as ClientSink | undefined,
    detached: 0,
    dropped: 0,
    attach(client: ClientSink) {
      session.sink = client;
    },
    detach() {
      session.detached += 1;
    },
    audioDropped(bytes: number) {
      session.dropped += bytes;
    },
  };
  return session;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<{ text: string; error?: unknown }> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

test('sse downlink: audio dropped past the first limit, events kept, stream ended past the second', async () => {
  const session = recordingSession();
  const response = openSseStream(session, 0, LIMITS);
  const sink = session.sink;
  assert.ok(sink, 'the stream attached to its session');
  const audio = new Uint8Array(960);
  let id = 0;
  // Nobody reads: ~1.3 KB of base64 SSE per frame until the drop limit, then audio is refused.
  while (session.dropped === 0) sink.send({ id: ++id, audio });
  const sentBeforeDrop = id - 1;
  assert.ok(sentBeforeDrop >= 3, `a few frames fit under the limit (${sentBeforeDrop})`);
  assert.equal(session.dropped, audio.byteLength);
  sink.send({ id: ++id, event: { type: 'turn-complete' } });
  assert.equal(session.detached, 0, 'still open below the close limit');
  // Events keep queueing past the drop limit until the close limit ends the stream.
  const big = 'x'.repeat(1_500);
  while (session.detached === 0)
    sink.send({
      id: ++id,
      event: { type: 'transcript', role: 'interviewer', turnId: 't', text: big, final: false },
    });
  assert.equal(session.detached, 1, 'the session let go of the slow downlink');

  const { text, error } = await readAll(response.body as ReadableStream<Uint8Array>);
  assert.ok(error instanceof Error && /too slow/.test(error.message), 'the stream ended with an error');
  assert.equal(text, '', 'an errored stream discards what was queued');
});

test('sse downlink: a reader that keeps up gets every frame, nothing dropped', async () => {
  const session = recordingSession();
  const response = openSseStream(session, 0, LIMITS);
  const reading = readAll(response.body as ReadableStream<Uint8Array>);
  const sink = session.sink;
  assert.ok(sink);
  for (let id = 1; id <= 50; id += 1) {
    sink.send({ id, audio: new Uint8Array(960) });
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await Promise.resolve();
  }
  sink.close(1000, 'interview over');
  const { text, error } = await reading;
  assert.equal(error, undefined);
  assert.equal(session.dropped, 0);
  assert.equal([...text.matchAll(/^event: audio$/gm)].length, 50, 'all 50 audio frames arrived');
});
