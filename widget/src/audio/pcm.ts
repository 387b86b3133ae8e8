/** PCM16 conversions that clamp before converting and honour `byteOffset` on every view. */

/** Float samples in [-1, 1] (clamped) to PCM16. */
export function floatToPcm16(
  samples: Float32Array,
  out = new Int16Array(samples.length),
): Int16Array<ArrayBuffer> {
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out[i] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
  }
  return out;
}

/** PCM16 little-endian bytes (any alignment, any offset) to float samples in [-1, 1). */
export function pcm16BytesToFloat(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 0x8000;
  return out;
}

/** A copy of exactly the bytes a view covers, as its own ArrayBuffer (safe to transfer). */
export function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
