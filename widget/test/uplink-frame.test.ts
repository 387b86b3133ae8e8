import { expect } from '@open-wc/testing';
import {
  AUDIO_FRAME_HEADER_BYTES,
  AudioKind,
  decodeAudioFrame,
  encodeAudioFrame,
  frameAroundPayload,
} from '../../relay/protocol/index';
import { CAPTURE_HEADER_ROOM_BYTES } from '../src/audio/worklet-messages';
import { describe, it } from './harness/mocha';

/** A captured frame as the capture worklet posts it: header room, then PCM to the end of its buffer. */
function captured(samples: number[]): Uint8Array {
  const buffer = new ArrayBuffer(CAPTURE_HEADER_ROOM_BYTES + samples.length * 2);
  new Int16Array(buffer, CAPTURE_HEADER_ROOM_BYTES).set(samples);
  return new Uint8Array(buffer, CAPTURE_HEADER_ROOM_BYTES);
}

describe('uplink frames without a copy', () => {
  it('the capture worklet leaves exactly the frame header free', () => {
    expect(CAPTURE_HEADER_ROOM_BYTES).to.equal(AUDIO_FRAME_HEADER_BYTES);
  });

  it('writes the header into a captured frame and sends the same bytes encodeAudioFrame would', () => {
    const pcm = captured([1, -2, 300, -32768, 32767]);
    const frame = frameAroundPayload(AudioKind.Candidate, 70_000, pcm);
    expect(frame?.buffer).to.equal(pcm.buffer, 'no copy: the frame is the capture buffer');
    expect([...(frame as Uint8Array)]).to.deep.equal([...encodeAudioFrame(AudioKind.Candidate, 70_000, pcm)]);
    const decoded = decodeAudioFrame(frame as Uint8Array);
    expect(decoded.seq).to.equal(70_000);
    expect([...new Int16Array(decoded.pcm.buffer, decoded.pcm.byteOffset, 5)]).to.deep.equal([
      1, -2, 300, -32768, 32767,
    ]);
  });

  it('leaves any other view alone (the caller encodes a copy)', () => {
    const backing = new Uint8Array(40).fill(7);
    expect(frameAroundPayload(AudioKind.Candidate, 1, backing.subarray(12, 30))).to.equal(undefined);
    expect(frameAroundPayload(AudioKind.Candidate, 1, backing.subarray(4))).to.equal(undefined);
    expect(frameAroundPayload(AudioKind.Candidate, 1, new Uint8Array(8))).to.equal(undefined);
    expect([...backing]).to.deep.equal(new Array(40).fill(7), 'nothing written');
  });
});
