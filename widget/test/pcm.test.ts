import { expect } from '@open-wc/testing';
import { copyToArrayBuffer, floatToPcm16, pcm16BytesToFloat } from '../src/audio/pcm';
import { describe, it } from './harness/mocha';

describe('PCM16 conversion', () => {
  it('clamps out-of-range samples instead of wrapping', () => {
    const pcm = floatToPcm16(Float32Array.from([1.5, -1.5, 1, -1, 0]));
    expect([...pcm]).to.deep.equal([32767, -32768, 32767, -32768, 0]);
  });

  it('reads PCM16 from a view with an odd byteOffset', () => {
    const backing = new Uint8Array(7);
    const view = backing.subarray(1, 5); // two samples starting at byte 1
    new DataView(backing.buffer).setInt16(1, -16384, true);
    new DataView(backing.buffer).setInt16(3, 16384, true);
    expect([...pcm16BytesToFloat(view)]).to.deep.equal([-0.5, 0.5]);
  });

  it('copies exactly the bytes a view covers', () => {
    const backing = Uint8Array.from([9, 1, 2, 3, 9]);
    expect([...new Uint8Array(copyToArrayBuffer(backing.subarray(1, 4)))]).to.deep.equal([1, 2, 3]);
  });
});
