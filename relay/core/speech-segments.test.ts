import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedFrames, tone } from '../test-support/synthetic-speech';
import {
  SPEECH_HANGOVER_MS,
  SPEECH_ONSET_MS,
  SPEECH_START_RMS,
  SPEECH_STOP_RMS,
  SPEECH_WINDOW_MS,
  SpeechSegmenter,
} from './speech-segments';

const feed = (s: SpeechSegmenter, pcm: Uint8Array) => feedFrames((frame) => s.push(frame), pcm);
const LOUD = SPEECH_START_RMS * 5;

test('known speech segments come back with their boundaries, on the audio timeline', () => {
  const s = new SpeechSegmenter();
  feed(s, tone(1000, 0));
  feed(s, tone(2000, LOUD));
  feed(s, tone(1500, 0));
  feed(s, tone(800, LOUD));
  feed(s, tone(1000, 0));
  const segments = s.segments();
  assert.equal(segments.length, 2);
  assert.deepEqual(segments, [
    { startMs: 1000, endMs: 3000 },
    { startMs: 4500, endMs: 5300 },
  ]);
  assert.equal(s.positionMs, 6300);
});

test('a quiet gap shorter than the hangover does not split speech; a click shorter than the onset is not speech', () => {
  const s = new SpeechSegmenter();
  feed(s, tone(1000, LOUD));
  feed(s, tone(SPEECH_HANGOVER_MS - SPEECH_WINDOW_MS * 2, 0));
  feed(s, tone(1000, LOUD));
  feed(s, tone(1000, 0));
  feed(s, tone(SPEECH_ONSET_MS - SPEECH_WINDOW_MS, LOUD));
  feed(s, tone(1000, 0));
  assert.deepEqual(s.segments(), [
    { startMs: 0, endMs: 1000 + SPEECH_HANGOVER_MS - SPEECH_WINDOW_MS * 2 + 1000 },
  ]);
});

test('speech between the two thresholds keeps a segment open but cannot open one', () => {
  const between = (SPEECH_START_RMS + SPEECH_STOP_RMS) / 2;
  const s = new SpeechSegmenter();
  feed(s, tone(1000, between));
  assert.equal(s.segments().length, 0);
  feed(s, tone(500, LOUD));
  feed(s, tone(1000, between));
  assert.deepEqual(
    s.segments(),
    [{ startMs: 1000, endMs: 2500 }],
    'the still-open segment ends at its last loud window',
  );
});

test('frames at odd byte offsets and frames that are not window-sized give the same segments', () => {
  const pcm = new Uint8Array([...tone(500, 0), ...tone(1000, LOUD), ...tone(500, 0)]);
  const odd = new Uint8Array(pcm.byteLength + 1);
  odd.set(pcm, 1);
  const s = new SpeechSegmenter();
  for (let offset = 0; offset < pcm.byteLength; offset += 250)
    s.push(odd.subarray(1 + offset, 1 + Math.min(offset + 250, pcm.byteLength)));
  assert.deepEqual(s.segments(), [{ startMs: 500, endMs: 1500 }]);
});

test('between() clips segments to a window, and a snapshot restores the timeline and the segments', () => {
  const s = new SpeechSegmenter();
  feed(s, tone(1000, LOUD));
  feed(s, tone(1000, 0));
  feed(s, tone(1000, LOUD));
  feed(s, tone(1000, 0));
  assert.deepEqual(s.between(500, 2500), [
    { startMs: 500, endMs: 1000 },
    { startMs: 2000, endMs: 2500 },
  ]);
  const restored = new SpeechSegmenter(s.snapshot());
  assert.equal(restored.positionMs, 4000);
  feed(restored, tone(1000, LOUD));
  feed(restored, tone(1000, 0));
  assert.equal(restored.segments().length, 3);
  assert.deepEqual(restored.segments()[2], { startMs: 4000, endMs: 5000 });
});
