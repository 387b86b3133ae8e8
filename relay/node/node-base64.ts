import type { Base64Codec } from '../protocol/base64';

/**
 * `Buffer`'s native base64 behind the protocol module's interface (Node 20 has no `Uint8Array.fromBase64`):
 * on the relay's hot path every candidate frame is encoded and every interviewer chunk decoded.
 * `Buffer` skips characters outside the alphabet instead of throwing, so a decode that yields fewer bytes
 * than the text's length promises is refused. It also reads the URL-safe `-` and `_` as `+` and `/`.
 */
export const nodeBase64: Base64Codec = {
  encode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decode(text, byteLength) {
    const out = Buffer.from(text, 'base64');
    if (out.byteLength !== byteLength) throw new TypeError('invalid base64');
    // A plain view: Buffer's own slice() shares memory, where callers expect Uint8Array's copy.
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
};
