/** Signal helpers for the audio assertions. */

/** PCM16 mono samples of a canonical WAV file (finds the `data` chunk). */
export async function loadWavPcm16(url: string): Promise<Int16Array> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const view = new DataView(bytes.buffer);
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (id === 'data') return new Int16Array(bytes.slice(offset + 8, offset + 8 + size).buffer);
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${url} has no data chunk`);
}

/** The part of a signal between the first and last sample louder than `threshold` (of full scale). */
export function trimSilence(samples: Int16Array, threshold = 0.01): Int16Array {
  const limit = threshold * 32768;
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start] ?? 0) < limit) start++;
  while (end > start && Math.abs(samples[end - 1] ?? 0) < limit) end--;
  return samples.subarray(start, end);
}

function normalisedDot(template: Int16Array, signal: Int16Array, lag: number, step: number): number {
  let dot = 0;
  let energyT = 0;
  let energyS = 0;
  for (let i = 0; i < template.length; i += step) {
    const s = signal[lag + i] ?? 0;
    const t = template[i] ?? 0;
    dot += t * s;
    energyT += t * t;
    energyS += s * s;
  }
  return energyT === 0 || energyS === 0 ? 0 : dot / Math.sqrt(energyT * energyS);
}

/**
 * Best normalised cross-correlation of `template` anywhere inside `signal` (1 = identical shape).
 * Coarse search on every 8th sample and lag, then exact around the best coarse lag.
 */
export function bestCorrelation(template: Int16Array, signal: Int16Array): { value: number; lag: number } {
  const maxLag = signal.length - template.length;
  if (maxLag < 0) return { value: 0, lag: 0 };
  let best = { value: -1, lag: 0 };
  for (let lag = 0; lag <= maxLag; lag += 4) {
    const value = normalisedDot(template, signal, lag, 8);
    if (value > best.value) best = { value, lag };
  }
  let exact = { value: -1, lag: best.lag };
  for (let lag = Math.max(0, best.lag - 8); lag <= Math.min(maxLag, best.lag + 8); lag++) {
    const value = normalisedDot(template, signal, lag, 1);
    if (value > exact.value) exact = { value, lag };
  }
  return exact;
}
