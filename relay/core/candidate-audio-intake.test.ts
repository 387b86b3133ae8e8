import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_AUDIO_SEQ_AHEAD } from '../protocol/limits';
import { ProtocolError } from '../protocol/protocol-error';
import { AUDIO_BURST_SECONDS, AUDIO_BYTES_PER_SECOND, AudioBudget } from './audio-budget';
import { CandidateAudioIntake } from './candidate-audio-intake';

/** A 20 ms frame (640 bytes) whose bytes all equal `n`. */
const pcm = (n: number) => new Uint8Array(640).fill(n);

function intake(lastSeq = 0, flowing = true) {
  const forwarded: number[] = [];
  const gaps: [number, number][] = [];
  const refused: number[] = [];
  const sink = {
    flowing: () => flowing,
    forward: (bytes: Uint8Array) => forwarded.push(bytes[0] ?? -1),
    gap: (first: number, last: number) => gaps.push([first, last]),
    overBudget: (bytes: number) => refused.push(bytes),
  };
  // A clock that stands still: the budget refills only when a test moves it.
  const clock = { now: 0 };
  const budget = new AudioBudget(undefined, undefined, () => clock.now);
  return { audio: new CandidateAudioIntake(lastSeq, sink, budget), forwarded, gaps, refused, clock };
}

describe('CandidateAudioIntake', () => {
  it('forwards each frame once, in order, and ignores a resend of what it already has', () => {
    const { audio, forwarded } = intake();
    assert.deepEqual(audio.accept(1, pcm(1)), { status: 'accepted', gap: [] });
    assert.deepEqual(audio.accept(2, pcm(2)), { status: 'accepted', gap: [] });
    assert.deepEqual(audio.accept(1, pcm(1)), { status: 'duplicate', gap: [] });
    assert.deepEqual(forwarded, [1, 2]);
    assert.equal(audio.lastSeq, 2);
  });

  it('accepts a jump forward and reports the missing numbers', () => {
    const { audio, forwarded, gaps } = intake();
    audio.accept(1, pcm(1));
    assert.deepEqual(audio.accept(4, pcm(4)), { status: 'accepted', gap: [2, 3] });
    assert.deepEqual(gaps, [[2, 3]]);
    assert.deepEqual(forwarded, [1, 4]);
  });

  it('refuses a number far past the cursor with a typed error and keeps its cursor', () => {
    const { audio, forwarded } = intake(10);
    assert.throws(
      () => audio.accept(11 + MAX_AUDIO_SEQ_AHEAD, pcm(9)),
      (error: unknown) => error instanceof ProtocolError && error.code === 'protocol',
    );
    assert.equal(audio.lastSeq, 10);
    assert.deepEqual(audio.accept(11, pcm(11)), { status: 'accepted', gap: [] });
    assert.deepEqual(forwarded, [11]);
  });

  it('refuses audio faster than real time once the burst is spent, and says how much', () => {
    const { audio, refused, clock } = intake();
    const frames = (AUDIO_BURST_SECONDS * AUDIO_BYTES_PER_SECOND) / 640;
    let seq = 0;
    for (; seq < frames; ) audio.accept(++seq, pcm(1));
    assert.throws(
      () => audio.accept(++seq, pcm(1)),
      (error: unknown) => error instanceof ProtocolError && error.code === 'rate-limited' && error.retryable,
    );
    assert.deepEqual(refused, [640]);
    assert.equal(audio.lastSeq, frames);
    clock.now += 1000; // a second later, 1.5 s of sound fit again
    assert.equal(audio.accept(seq, pcm(1)).status, 'accepted');
  });

  it('takes a batch whole: every new frame, or none when one of them is too far ahead', () => {
    const { audio, forwarded } = intake();
    audio.accept(1, pcm(1));
    const batch = audio.acceptBatch([
      { seq: 1, pcm: pcm(1) },
      { seq: 2, pcm: pcm(2) },
      { seq: 3, pcm: pcm(3) },
    ]);
    assert.deepEqual(
      batch.map((r) => r.status),
      ['duplicate', 'accepted', 'accepted'],
    );
    assert.throws(() =>
      audio.acceptBatch([
        { seq: 4, pcm: pcm(4) },
        { seq: 4 + MAX_AUDIO_SEQ_AHEAD + 1, pcm: pcm(5) },
      ]),
    );
    assert.deepEqual(forwarded, [1, 2, 3]);
    assert.equal(audio.lastSeq, 3);
  });

  it('numbers audio while not flowing without forwarding it', () => {
    const { audio, forwarded } = intake(0, false);
    assert.equal(audio.accept(1, pcm(1)).status, 'accepted');
    assert.deepEqual(forwarded, []);
    assert.equal(audio.lastSeq, 1);
  });

  it('remembers the number at the last turn boundary, starting from the restored cursor', () => {
    const { audio } = intake(7);
    assert.equal(audio.boundarySeq, 7);
    audio.accept(8, pcm(8));
    audio.accept(9, pcm(9));
    assert.equal(audio.boundarySeq, 7);
    audio.markTurnBoundary();
    audio.accept(10, pcm(10));
    assert.equal(audio.boundarySeq, 9);
  });
});
