import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AudioKind, decodeAudioFrame, encodeAudioFrame } from '../protocol/audio-frame';
import { encodeForWebSocket } from '../protocol/codec';
import { BLOCK_BYTES } from './byte-blocks';
import { REPLAY_MAX_EVENTS, ReplayLog } from './replay-log';

it('numbers every frame and replays exactly what came after a given id', () => {
  const log = new ReplayLog();
  log.appendEvent({ type: 'turn-complete' });
  log.appendAudio(new Uint8Array(4));
  log.appendEvent({ type: 'interrupted' });
  assert.equal(log.lastId, 3);
  assert.deepEqual(
    log.since(1).map((frame) => frame.id),
    [2, 3],
  );
  assert.deepEqual(log.since(3), []);
  assert.equal(log.since(0).length, 3);
});

it('drops the oldest audio past its budget and keeps the event between', () => {
  const log = new ReplayLog(0, 10);
  log.appendAudio(new Uint8Array(6));
  log.appendEvent({ type: 'turn-complete' });
  log.appendAudio(new Uint8Array(6));
  log.appendAudio(new Uint8Array(4));
  assert.deepEqual(
    log.since(0).map((frame) => [frame.id, 'audio' in frame]),
    [
      [2, false],
      [3, true],
      [4, true],
    ],
  );
});

it('keeps at most REPLAY_MAX_EVENTS frames, dropping the oldest events first', () => {
  const log = new ReplayLog();
  for (let i = 0; i < REPLAY_MAX_EVENTS + 3; i++) log.appendEvent({ type: 'turn-complete' });
  log.appendAudio(new Uint8Array(2));
  const kept = log.since(0);
  assert.equal(kept.length, REPLAY_MAX_EVENTS);
  assert.equal(kept[0]?.id, 5, 'the four oldest events are gone');
  const newest = kept.at(-1);
  assert.ok(newest && 'audio' in newest, 'the newest audio is kept');
});

it('continues the sequence after a restore', () => {
  const log = new ReplayLog(41);
  assert.equal(log.appendEvent({ type: 'turn-complete' }).id, 42);
  assert.deepEqual(log.since(41).length, 1);
});

it('over a long session keeps every event and exactly the newest audio that fits, in order', () => {
  const log = new ReplayLog(0, 40);
  for (let i = 0; i < 5000; i++) {
    log.appendAudio(new Uint8Array(10).fill(i % 251));
    if (i % 100 === 0) log.appendEvent({ type: 'turn-complete' });
  }
  const kept = log.since(0);
  const audio = kept.filter((frame) => 'audio' in frame);
  const events = kept.filter((frame) => 'event' in frame);
  assert.equal(events.length, 50, 'every event is still there');
  assert.deepEqual(
    audio.map((frame) => ('audio' in frame ? frame.audio[0] : -1)),
    [4996, 4997, 4998, 4999].map((i) => i % 251),
    'the last 40 bytes of audio',
  );
  const ids = kept.map((frame) => frame.id);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a - b),
    'in sequence order',
  );
  assert.deepEqual(
    log.since(ids.at(-3) as number).map((frame) => frame.id),
    ids.slice(-2),
  );
});

it('keeps audio as its binary frame, built once, a copy independent of the caller, packed in shared blocks', () => {
  const log = new ReplayLog();
  const chunks = Array.from({ length: 80 }, (_, n) => new Uint8Array(1920).fill(n + 1));
  const frames = chunks.map((pcm) => log.appendAudio(pcm));
  for (const pcm of chunks) pcm.fill(0);
  frames.forEach((frame, n) => {
    const wire = encodeForWebSocket(frame) as Uint8Array;
    assert.deepEqual(
      wire,
      encodeAudioFrame(AudioKind.Interviewer, frame.id, new Uint8Array(1920).fill(n + 1)),
    );
    const decoded = decodeAudioFrame(wire);
    assert.equal(decoded.seq, frame.id);
    assert.equal(decoded.pcm.byteOffset % 2, 0);
    // A replayed frame is the same bytes as the live one.
    assert.equal(encodeForWebSocket(log.since(frame.id - 1)[0] as (typeof frames)[number]), wire);
  });
  const blocks = new Set(frames.map((frame) => (encodeForWebSocket(frame) as Uint8Array).buffer));
  assert.equal(blocks.size, Math.ceil(80 / Math.floor(BLOCK_BYTES / 1932)));
});

it('refuses odd-length audio without using up an id', () => {
  const log = new ReplayLog();
  assert.throws(() => log.appendAudio(new Uint8Array(3)), /even length/);
  assert.equal(log.lastId, 0);
  assert.equal(log.appendAudio(new Uint8Array(2)).id, 1);
});

it('keeps a finished turn replayable until the next turn speaks, then only the new turn', () => {
  const log = new ReplayLog();
  log.appendAudio(new Uint8Array(4)); // 1: the question
  log.appendAudio(new Uint8Array(4)); // 2
  log.appendEvent({ type: 'turn-complete' }); // 3
  log.turnEnded();
  assert.deepEqual(
    log.since(1).map((frame) => frame.id),
    [2, 3],
    'a client that missed the end of the question still hears it',
  );
  log.appendEvent({ type: 'transcript', role: 'candidate', turnId: 'c1', text: 'my answer', final: true }); // 4
  log.appendAudio(new Uint8Array(4)); // 5: the next question
  assert.deepEqual(
    log.since(0).map((frame) => [frame.id, 'audio' in frame]),
    [
      [3, false],
      [4, false],
      [5, true],
    ],
    'the answered question is no longer replayed; every event is',
  );
});

it('a turn end bounds audio across many turns of a long interview', () => {
  const log = new ReplayLog();
  for (let turn = 0; turn < 300; turn++) {
    for (let chunk = 0; chunk < 50; chunk++) log.appendAudio(new Uint8Array(1920));
    log.appendEvent({ type: 'turn-complete' });
    log.turnEnded();
  }
  const audio = log.since(0).filter((frame) => 'audio' in frame);
  assert.equal(audio.length, 50, 'only the last turn');
  assert.equal(audio[0]?.id, log.lastId - 50);
});
