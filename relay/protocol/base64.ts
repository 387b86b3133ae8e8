/**
 * Base64 for byte arrays with web-standard APIs only (the same code runs in browsers, Node and workerd).
 *
 * It sits on the hot path (every candidate frame goes to Gemini as base64, every interviewer chunk
 * comes back as base64), so it avoids `String.fromCharCode(...bytes)` + `btoa` and `atob` + a
 * `charCodeAt` loop: the encoder maps 12 bits at a time to two ASCII codes in a reused buffer and lets
 * TextDecoder build the string natively; the decoder lets TextEncoder produce the character codes natively
 * and maps them through a table. Where the runtime has the standard `Uint8Array.prototype.toBase64` /
 * `Uint8Array.fromBase64`, those are used instead; a runtime adapter may install its own native codec
 * ({@link useBase64Codec}: the Node adapter installs `Buffer`'s, relay/node/node-base64.ts).
 */

/** A native base64 codec a runtime adapter can install; it must keep {@link base64ToBytes}' contract. */
export interface Base64Codec {
  encode(bytes: Uint8Array): string;
  /** Called only with text whose length and padding are valid; must throw on any other character. */
  decode(text: string, byteLength: number): Uint8Array<ArrayBuffer>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const INVALID = 255;

/** Two output characters (as two little-endian ASCII bytes) for every 12-bit value. */
const PAIRS = /* @__PURE__ */ (() => {
  const pairs = new Uint16Array(4096);
  for (let i = 0; i < 4096; i++) pairs[i] = ALPHABET.charCodeAt(i >> 6) | (ALPHABET.charCodeAt(i & 63) << 8);
  return pairs;
})();
/** Character code → 6-bit value, INVALID for anything outside the alphabet. */
const VALUES = /* @__PURE__ */ (() => {
  const values = new Uint8Array(256).fill(INVALID);
  for (let i = 0; i < 64; i++) values[ALPHABET.charCodeAt(i)] = i;
  return values;
})();

type NativeBase64 = {
  toBase64?: (this: Uint8Array) => string;
};
type NativeFromBase64 = { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };
const nativeTo = (Uint8Array.prototype as NativeBase64).toBase64;
const nativeFrom = (Uint8Array as unknown as NativeFromBase64).fromBase64;

// The output is pure ASCII, so UTF-8 decoding is exact (and every runtime has it, on its fast path).
const asciiOut = /* @__PURE__ */ new TextDecoder();
const ascii = /* @__PURE__ */ new TextEncoder();
let out16 = /* @__PURE__ */ new Uint16Array(2048);
let codes = /* @__PURE__ */ new Uint8Array(4096);
let installed: Base64Codec | undefined;

/** Routes both functions below through `codec` from now on (for the whole process). */
export function useBase64Codec(codec: Base64Codec | undefined): void {
  installed = codec;
}

/**
 * Bytes that valid base64 of this length decodes to (padding optional), or -1 when no valid base64 has
 * this shape. Characters are not checked here.
 */
export function base64ByteLength(b64: string): number {
  let len = b64.length;
  if (len > 0 && b64.charCodeAt(len - 1) === PAD) len -= b64.charCodeAt(len - 2) === PAD ? 2 : 1;
  if (len % 4 === 1 || (len < b64.length && b64.length % 4 !== 0)) return -1;
  return Math.floor((len * 3) / 4);
}

export function bytesToBase64(bytes: Uint8Array): string {
  if (installed) return installed.encode(bytes);
  if (nativeTo) return nativeTo.call(bytes);
  const n = bytes.byteLength;
  const units = Math.ceil(n / 3) * 2;
  if (out16.length < units) out16 = new Uint16Array(units);
  const out = out16;
  const whole = n - (n % 3);
  let o = 0;
  let i = 0;
  for (; i < whole; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = PAIRS[v >>> 12] as number;
    out[o++] = PAIRS[v & 0xfff] as number;
  }
  if (n - whole === 1) {
    out[o++] = PAIRS[(bytes[i] as number) << 4] as number;
    out[o++] = PAD | (PAD << 8);
  } else if (n - whole === 2) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out[o++] = PAIRS[v >>> 12] as number;
    out[o++] = ALPHABET.charCodeAt((v >>> 6) & 63) | (PAD << 8);
  }
  return asciiOut.decode(new Uint8Array(out.buffer, 0, o * 2));
}

/** Decodes standard base64 (padding optional). Throws a TypeError on anything else, as `atob` would. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  if (installed) {
    const byteLength = base64ByteLength(b64);
    if (byteLength < 0) throw new TypeError('invalid base64');
    return installed.decode(b64, byteLength);
  }
  if (nativeFrom) {
    try {
      return nativeFrom(b64);
    } catch {
      throw new TypeError('invalid base64');
    }
  }
  let len = b64.length;
  if (codes.length < len) codes = new Uint8Array(len * 2);
  // A non-ASCII character takes more than one UTF-8 byte: then not everything fits, or more was written.
  const { read, written } = ascii.encodeInto(b64, codes.subarray(0, len));
  if (read !== len || written !== len) throw new TypeError('invalid base64');
  const c = codes;
  if (len > 0 && c[len - 1] === PAD) len -= c[len - 2] === PAD ? 2 : 1;
  if (len % 4 === 1 || (len < b64.length && b64.length % 4 !== 0)) throw new TypeError('invalid base64');
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  const whole = len - (len % 4);
  let bad = 0;
  let o = 0;
  let i = 0;
  for (; i < whole; i += 4) {
    const a = VALUES[c[i] as number] as number;
    const b = VALUES[c[i + 1] as number] as number;
    const d = VALUES[c[i + 2] as number] as number;
    const e = VALUES[c[i + 3] as number] as number;
    bad |= a | b | d | e;
    const v = (a << 18) | (b << 12) | (d << 6) | e;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  const rest = len - whole;
  if (rest > 0) {
    const a = VALUES[c[i] as number] as number;
    const b = VALUES[c[i + 1] as number] as number;
    const d = rest === 3 ? (VALUES[c[i + 2] as number] as number) : 0;
    bad |= a | b | d;
    const v = (a << 18) | (b << 12) | (d << 6);
    out[o++] = v >>> 16;
    if (rest === 3) out[o++] = (v >>> 8) & 255;
  }
  if (bad & 0x80) throw new TypeError('invalid base64');
  return out;
}

/**
 * The small decoder, for clients: the SSE audio a browser receives (about 48 KB a second) does not need the
 * table above, and leaving the table out keeps the widget bundle smaller. Same bytes as
 * {@link base64ToBytes} for what the relay sends, and the same TypeError on invalid input (`atob` also
 * skips ASCII whitespace, which the relay never sends).
 */
export function base64ToBytesCompact(b64: string): Uint8Array<ArrayBuffer> {
  try {
    return nativeFrom ? nativeFrom(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    throw new TypeError('invalid base64');
  }
}
