import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLIENT_BUFFER_HIGH_BYTES, CLIENT_QUEUE_MAX_AUDIO_BYTES, ClientSendQueue } from './client-send-queue';

function harness() {
  const sent: (string | Uint8Array)[] = [];
  const drops: number[] = [];
  const socket = { buffered: 0 };
  const queue = new ClientSendQueue(
    (data) => sent.push(data),
    () => socket.buffered,
    (bytes) => drops.push(bytes),
  );
  return { sent, drops, socket, queue };
}

const audio = (tag: number, bytes = 48_000) => {
  const frame = new Uint8Array(bytes);
  frame[0] = tag;
  return frame;
};

test('sends straight through while the socket keeps up', () => {
  const { sent, queue } = harness();
  queue.push('event-1');
  queue.push(audio(1), 48_000);
  assert.equal(sent.length, 2);
  assert.equal(queue.pending, 0);
  queue.close();
});

test('a slow client: audio beyond the cap is dropped oldest first, events never, order kept', () => {
  const { sent, drops, socket, queue } = harness();
  socket.buffered = CLIENT_BUFFER_HIGH_BYTES;
  queue.push('event-1');
  const frames = CLIENT_QUEUE_MAX_AUDIO_BYTES / 48_000 + 3;
  for (let i = 1; i <= frames; i++) queue.push(audio(i), 48_000);
  queue.push('event-2');
  assert.equal(sent.length, 0, 'nothing more goes into a full socket buffer');
  assert.deepEqual(drops, [48_000, 48_000, 48_000], 'three frames over the cap, counted');

  socket.buffered = 0;
  queue.flush();
  assert.equal(queue.pending, 0);
  assert.equal(sent[0], 'event-1');
  assert.equal(sent.at(-1), 'event-2');
  const tags = sent.slice(1, -1).map((frame) => (frame as Uint8Array)[0]);
  assert.deepEqual(
    tags,
    Array.from({ length: frames - 3 }, (_, i) => i + 4),
    'the oldest three went',
  );
  queue.close();
});

test('frames wait behind a queue even when the socket has room again, so order holds', () => {
  const { sent, socket, queue } = harness();
  socket.buffered = CLIENT_BUFFER_HIGH_BYTES;
  queue.push('first');
  socket.buffered = 0;
  queue.push('second');
  assert.deepEqual(sent, []);
  queue.flush();
  assert.deepEqual(sent, ['first', 'second']);
  queue.close();
});

test('closing hands the waiting frames to the socket first: the ended event still arrives', () => {
  const { sent, socket, queue } = harness();
  socket.buffered = CLIENT_BUFFER_HIGH_BYTES;
  queue.push(audio(1), 48_000);
  queue.push('ended');
  queue.sendAll();
  assert.equal(sent.at(-1), 'ended');
  assert.equal(queue.pending, 0);
});
