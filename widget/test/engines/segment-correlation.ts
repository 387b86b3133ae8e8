/**
 * Where a captured signal differs from its source: correlation window by window, each window free to find
 * its own alignment near the global one. A signal that is intact but has samples dropped or inserted (a
 * browser's capture path skipping or zero-filling a render quantum) scores high in every window while its
 * global correlation collapses; real distortion scores low in the windows it touches.
 */
import { bestCorrelation } from '../harness/signal';

export interface SegmentReport {
  global: number;
  /** Windows of the source with speech in them. */
  voiced: number;
  /** Voiced windows that correlate >= the threshold somewhere within `slack` of the global alignment. */
  intact: number;
  /** Offsets (in samples) the windows needed relative to the global alignment, in order: slips show as steps. */
  offsets: number[];
  /**
   * Normalized cross-correlation of all voiced windows together, each at its own alignment: the waveform's
   * fidelity once inserted or dropped quanta no longer shift the rest of the stream. A slip costs only the
   * window it falls in; distortion costs every window it touches.
   */
  aligned: number;
}

interface Products {
  dot: number;
  ea: number;
  eb: number;
}

function productsAt(a: Int16Array, b: Int16Array, offset: number): Products {
  let dot = 0;
  let ea = 0;
  let eb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[offset + i] ?? 0;
    dot += x * y;
    ea += x * x;
    eb += y * y;
  }
  return { dot, ea, eb };
}

const normalized = ({ dot, ea, eb }: Products): number =>
  ea === 0 || eb === 0 ? 0 : dot / Math.sqrt(ea * eb);

export function segmentCorrelation(
  source: Int16Array,
  signal: Int16Array,
  windowSamples: number,
  threshold: number,
  slack = 400,
): SegmentReport {
  const { value: global, lag } = bestCorrelation(source, signal);
  let voiced = 0;
  let intact = 0;
  const offsets: number[] = [];
  const total: Products = { dot: 0, ea: 0, eb: 0 };
  for (let start = 0; start + windowSamples <= source.length; start += windowSamples) {
    const window = source.subarray(start, start + windowSamples);
    let energy = 0;
    for (const sample of window) energy += sample * sample;
    if (Math.sqrt(energy / window.length) < 300) continue;
    voiced += 1;
    let best = { value: -1, offset: 0, products: { dot: 0, ea: 0, eb: 0 } };
    for (let offset = -slack; offset <= slack; offset++) {
      const at = lag + start + offset;
      if (at < 0 || at + windowSamples > signal.length) continue;
      const products = productsAt(window, signal, at);
      const value = normalized(products);
      if (value > best.value) best = { value, offset, products };
    }
    if (best.value >= threshold) intact += 1;
    offsets.push(best.offset);
    total.dot += best.products.dot;
    total.ea += best.products.ea;
    total.eb += best.products.eb;
  }
  return { global, voiced, intact, offsets, aligned: normalized(total) };
}
