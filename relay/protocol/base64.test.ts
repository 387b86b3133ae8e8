import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nodeBase64 } from '../node/node-base64';
import {
  type Base64Codec,
  base64ToBytes,
  base64ToBytesCompact,
  bytesToBase64,
  useBase64Codec,
} from './base64';

/** Deterministic pseudo-random bytes (no Math.random: a failure must reproduce). */
function bytesOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const CODECS: [string, Base64Codec | undefined][] = [
  ['portable', undefined],
  ['Node Buffer (relay/node)', nodeBase64],
];

for (const [name, codec] of CODECS)
  describe(`base64, ${name}`, () => {
    before(() => useBase64Codec(codec));
    after(() => useBase64Codec(undefined));

    it('encodes and decodes every length from 0 to 200 exactly as Node does', () => {
      for (let length = 0; length <= 200; length++) {
        const bytes = bytesOf(length, length + 1);
        const expected = Buffer.from(bytes).toString('base64');
        assert.equal(bytesToBase64(bytes), expected, `encode, length ${length}`);
        assert.deepEqual(base64ToBytes(expected), new Uint8Array(bytes), `decode, length ${length}`);
      }
    });

    it('handles a view into a larger buffer and a 48 000-byte frame', () => {
      const big = bytesOf(48_013, 7);
      const view = big.subarray(13);
      assert.equal(bytesToBase64(view), Buffer.from(view).toString('base64'));
      assert.deepEqual(base64ToBytes(Buffer.from(view).toString('base64')), new Uint8Array(view));
    });

    it('accepts input without padding, as atob does', () => {
      assert.deepEqual(base64ToBytes('AAE'), new Uint8Array([0, 1]));
      assert.deepEqual(base64ToBytes('AA'), new Uint8Array([0]));
    });

    it('refuses what is not base64 with a TypeError', () => {
      for (const bad of ['A', 'AAAAA', 'AA*A', 'AAé=', 'AA=A', '====', 'AAA==', 'AA A', 'AAA\n']) {
        assert.throws(() => base64ToBytes(bad), TypeError, JSON.stringify(bad));
      }
    });
  });

describe('base64, the compact client decoder (SSE audio in browsers)', () => {
  it('decodes every length from 0 to 200 and a 48 000-byte frame as Node encodes them', () => {
    for (const length of [...Array.from({ length: 201 }, (_, i) => i), 48_000]) {
      const bytes = bytesOf(length, length + 3);
      assert.deepEqual(
        base64ToBytesCompact(Buffer.from(bytes).toString('base64')),
        bytes,
        `length ${length}`,
      );
    }
  });

  it('accepts input without padding, as atob does', () => {
    assert.deepEqual(base64ToBytesCompact('AAE'), new Uint8Array([0, 1]));
    assert.deepEqual(base64ToBytesCompact('AA'), new Uint8Array([0]));
  });

  it('refuses what is not base64 with a TypeError', () => {
    for (const bad of ['A', 'AAAAA', 'AA*A', 'AAé=', 'AA=A', '====', 'AAA==']) {
      assert.throws(() => base64ToBytesCompact(bad), TypeError, JSON.stringify(bad));
    }
  });
});
