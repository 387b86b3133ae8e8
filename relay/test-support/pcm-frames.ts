/**
 * Candidate audio as a client sends it: 16 kHz PCM16 cut into 20 ms frames (the finest a client sends; the widget
 * sends 40 ms, and the relay takes frames of any length).
 */
import { INPUT_SAMPLE_RATE } from '../protocol/index';

/** Milliseconds of audio per frame in the relay tests and benches. */
export const CLIENT_FRAME_MS = 20;
export const CLIENT_FRAME_BYTES = ((INPUT_SAMPLE_RATE * CLIENT_FRAME_MS) / 1000) * 2;

export function toFrames(pcm: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < pcm.byteLength; i += CLIENT_FRAME_BYTES)
    out.push(pcm.subarray(i, i + CLIENT_FRAME_BYTES));
  return out;
}

/** Stamps frame number `seq` into a copy of `frame`'s first two samples, low enough to stay "silence". */
export function stampFrame(frame: Uint8Array, seq: number): Uint8Array {
  const copy = new Uint8Array(frame);
  copy[0] = seq & 0xff;
  copy[1] = 0;
  copy[2] = (seq >> 8) & 0xff;
  copy[3] = 0;
  return copy;
}

/** The frame number {@link stampFrame} wrote. */
export function frameStamp(frame: Uint8Array): number {
  return (frame[0] ?? 0) | ((frame[2] ?? 0) << 8);
}
