import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ResendLog } from './resend-log';
import type { UpstreamSend } from './upstream-outbox';

const frame = (value: number, bytes = 640): { pcm: Uint8Array; at: number } => ({
  pcm: new Uint8Array(bytes).fill(value),
  at: 0,
});
const text = (): UpstreamSend => ({ action: () => {}, endsTurn: true });

/** Each taken item as the first byte of its audio, or 'text'. */
function shape(items: UpstreamSend[]): (number | string)[] {
  return items.map((item) => ('pcm' in item ? (item.pcm[0] as number) : 'text'));
}

it('gives back audio and messages in the order they were sent, as copies', () => {
  const log = new ResendLog(10_000, () => {});
  const first = frame(1);
  log.push(first);
  log.push(text());
  log.push(frame(2));
  log.push(frame(3));
  log.push(text());
  first.pcm.fill(9); // the socket buffer is reused: what was kept does not change
  const items = log.take();
  assert.deepEqual(shape(items), [1, 'text', 2, 3, 'text']);
  assert.ok(items.every((item) => !('pcm' in item) || item.pcm.every((b) => b === item.pcm[0])));
  assert.deepEqual(log.take(), [], 'take empties it');
});

it('drops the oldest audio past its bound, never a message, and says how much', () => {
  const dropped: number[] = [];
  const log = new ResendLog(1_280, (bytes) => dropped.push(bytes));
  log.push(frame(1));
  log.push(text());
  log.push(frame(2));
  log.push(frame(3));
  assert.deepEqual(dropped, [640]);
  assert.deepEqual(shape(log.take()), ['text', 2, 3]);
});

it('clear forgets everything', () => {
  const log = new ResendLog(10_000, () => {});
  log.push(frame(1));
  log.push(text());
  log.clear();
  assert.deepEqual(log.take(), []);
});

it('over a long stream at its bound keeps exactly the newest audio, of any frame size, in order', () => {
  const log = new ResendLog(320_000, () => {});
  let sent = 0;
  for (let i = 0; i < 20_000; i++) {
    const bytes = i % 7 === 0 ? 1_280 : 640;
    log.push(frame(i % 251, bytes));
    sent += 1;
    if (i === 10_000) log.push(text());
  }
  const items = log.take();
  const audio = items.filter((item) => 'pcm' in item);
  const bytes = audio.reduce((sum, item) => sum + ('pcm' in item ? item.pcm.byteLength : 0), 0);
  assert.ok(bytes <= 320_000 && bytes > 320_000 - 1_280, `kept ${bytes} bytes`);
  assert.equal(items[0] && 'pcm' in items[0] ? 'audio' : 'text', 'text', 'the message outlives its audio');
  const firstKept = sent - audio.length;
  assert.deepEqual(
    shape(audio),
    Array.from({ length: audio.length }, (_, k) => (firstKept + k) % 251),
  );
});
