/**
 * A send-time stamp carried inside the audio itself, so latency is measured end to end across processes:
 * `process.hrtime` reads CLOCK_MONOTONIC, which every process on this machine shares. The float64 goes into
 * the low bytes of the first eight PCM16 samples (high bytes zero: at most 255 of 32 767, far below any VAD
 * threshold), so the frame still sounds like silence and survives base64 and re-framing untouched.
 */
export const STAMP_BYTES = 16;
/** One 20 ms candidate frame of 16 kHz PCM16: the load generator stamps each. */
export const FRAME_BYTES = 640;

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

export function writeStamp(pcm: Uint8Array, ms: number): void {
  f64[0] = ms;
  for (let i = 0; i < 8; i++) {
    pcm[2 * i] = f64Bytes[i] as number;
    pcm[2 * i + 1] = 0;
  }
}

export function readStamp(pcm: Uint8Array, offset = 0): number {
  for (let i = 0; i < 8; i++) f64Bytes[i] = pcm[offset + 2 * i] as number;
  return f64[0] as number;
}

/** The stamp of base64 PCM, decoding only its first 24 characters (18 bytes). */
export function readStampBase64(b64: string): number {
  return readStamp(Buffer.from(b64.slice(0, 24), 'base64'));
}

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) =>
    sorted.length === 0
      ? Number.NaN
      : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}
