import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { UPLINK_JITTER_SLACK_MS, UplinkCoalescer } from './uplink-coalescer';

const BYTES_PER_MS = 32;
/** A 20 ms frame whose bytes all equal `n`, so the joined stream shows order and completeness. */
const frame = (n: number, ms = 20) => new Uint8Array(ms * BYTES_PER_MS).fill(n);

function recorder(batchMs: number) {
  const sent: Uint8Array[] = [];
  const coalescer = new UplinkCoalescer((pcm) => sent.push(pcm), batchMs, BYTES_PER_MS);
  const stream = () => sent.flatMap((pcm) => [...pcm]);
  return { sent, coalescer, stream };
}

describe('UplinkCoalescer', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('joins two 20 ms frames into one 40 ms message, bytes in order', () => {
    const { sent, coalescer, stream } = recorder(40);
    for (let n = 1; n <= 4; n++) coalescer.push(frame(n));
    assert.deepEqual(
      sent.map((pcm) => pcm.byteLength),
      [1280, 1280],
    );
    assert.deepEqual(
      stream(),
      [1, 2, 3, 4].flatMap((n) => [...frame(n)]),
    );
  });

  it('sends a lone frame once it has waited its bounded time, not before', () => {
    const { sent, coalescer } = recorder(40);
    coalescer.push(frame(7));
    mock.timers.tick(20 + UPLINK_JITTER_SLACK_MS - 1);
    assert.equal(sent.length, 0);
    mock.timers.tick(1);
    assert.deepEqual(sent, [frame(7)]);
  });

  it('passes frames of the batch length or longer straight through', () => {
    const { sent, coalescer } = recorder(40);
    coalescer.push(frame(1, 40));
    coalescer.push(frame(2, 60));
    assert.deepEqual(sent, [frame(1, 40), frame(2, 60)]);
  });

  it('flush() sends what waits at once and cancels the timer', () => {
    const { sent, coalescer } = recorder(40);
    coalescer.push(frame(3));
    coalescer.flush();
    assert.deepEqual(sent, [frame(3)]);
    mock.timers.tick(100);
    assert.equal(sent.length, 1);
  });

  it('with batching off (0 ms) every frame goes alone', () => {
    const { sent, coalescer } = recorder(0);
    coalescer.push(frame(1));
    coalescer.push(frame(2));
    assert.deepEqual(sent, [frame(1), frame(2)]);
  });
});
