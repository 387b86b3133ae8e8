/** Synthetic candidate audio with known speech segments, for the delivery-metric tests. */
import { INPUT_SAMPLE_RATE } from '../protocol/limits';

/** The widget's uplink frame: 20 ms of PCM16 at 16 kHz. */
export const UPLINK_FRAME_MS = 20;

/** PCM16 of `ms` milliseconds: a 220 Hz tone at `rms` of full scale (silence when 0). */
export function tone(ms: number, rms: number): Uint8Array {
  const n = Math.round((INPUT_SAMPLE_RATE * ms) / 1000);
  const out = new Int16Array(n);
  const amplitude = rms * Math.SQRT2 * 32767;
  for (let i = 0; i < n; i++)
    out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * 220 * i) / INPUT_SAMPLE_RATE));
  return new Uint8Array(out.buffer);
}

/** Hands `pcm` to `push` in uplink-sized frames, as the relay receives it. */
export function feedFrames(push: (frame: Uint8Array) => void, pcm: Uint8Array): void {
  const frameBytes = (INPUT_SAMPLE_RATE * UPLINK_FRAME_MS * 2) / 1000;
  for (let offset = 0; offset < pcm.byteLength; offset += frameBytes)
    push(pcm.subarray(offset, Math.min(offset + frameBytes, pcm.byteLength)));
}
