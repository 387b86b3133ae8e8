/** Candidate audio as a browser sends it: 16 kHz PCM16 cut into the widget's 20 ms frames. */
import { INPUT_SAMPLE_RATE } from '../protocol/index';

/** Milliseconds of audio per frame, as the widget's capture sends them. */
export const CLIENT_FRAME_MS = 20;
export const CLIENT_FRAME_BYTES = ((INPUT_SAMPLE_RATE * CLIENT_FRAME_MS) / 1000) * 2;

export function toFrames(pcm: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < pcm.byteLength; i += CLIENT_FRAME_BYTES)
    out.push(pcm.subarray(i, i + CLIENT_FRAME_BYTES));
  return out;
}
