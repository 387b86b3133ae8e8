/**
 * Streaming polyphase resampler with a Kaiser-windowed sinc anti-aliasing filter. Pure: no Web Audio, so it
 * runs inside both worklets and in unit tests. Any rate pair works; ratios needing up to
 * {@link MAX_EXACT_PHASES} filter phases are exact; larger ones keep the exact rate and round the phase.
 *
 * The cutoff sits at {@link PASSBAND_FRACTION} of the lower Nyquist frequency, so 48 kHz -> 16 kHz passes
 * speech up to ~6 kHz flat and removes everything above 8 kHz (>= 70 dB) before it can alias.
 */

/** Cutoff as a fraction of the lower of the two Nyquist frequencies. */
export const PASSBAND_FRACTION = 0.9;
/** Sinc zero crossings on each side of the kernel centre: longer = sharper transition, more latency. */
export const ZERO_CROSSINGS = 16;
/** Kaiser window shape: ~80 dB stopband. */
export const KAISER_BETA = 8;
/** Phase table size above which phases are rounded instead of exact. */
export const MAX_EXACT_PHASES = 1024;

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Zeroth-order modified Bessel function of the first kind (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50 && term > sum * 1e-12; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

function kaiser(position: number, beta: number): number {
  if (Math.abs(position) >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - position * position)) / besselI0(beta);
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

export class Resampler {
  readonly inputRate: number;
  readonly outputRate: number;
  /** Number of input samples the filter looks at for one output sample. */
  readonly tapCount: number;
  readonly #phaseCount: number;
  /** Output position in input samples is `readIndex + fraction / up`; per output it advances `down / up`. */
  readonly #up: number;
  readonly #stepWhole: number;
  readonly #stepFraction: number;
  readonly #taps: Float32Array;
  #buffer: Float32Array;
  #buffered = 0;
  /** Position of the next output sample: index of the newest input it needs minus `tapCount - 1`. */
  #readIndex = 0;
  #fraction = 0;
  #output = new Float32Array(0);

  constructor(inputRate: number, outputRate: number) {
    if (!(inputRate > 0 && outputRate > 0) || !Number.isInteger(inputRate) || !Number.isInteger(outputRate)) {
      throw new RangeError(`sample rates must be positive integers, got ${inputRate} -> ${outputRate}`);
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const divisor = greatestCommonDivisor(inputRate, outputRate);
    const up = outputRate / divisor;
    const down = inputRate / divisor;
    this.#up = up;
    this.#phaseCount = Math.min(up, MAX_EXACT_PHASES);
    this.#stepWhole = Math.floor(down / up);
    this.#stepFraction = down % up;

    // Cutoff in cycles per input sample.
    const cutoff = (PASSBAND_FRACTION * Math.min(inputRate, outputRate)) / 2 / inputRate;
    const halfWidth = Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
    this.tapCount = 2 * halfWidth;
    this.#taps = new Float32Array(this.#phaseCount * this.tapCount);
    for (let p = 0; p < this.#phaseCount; p++) {
      const fraction = p / this.#phaseCount;
      let sum = 0;
      for (let j = 0; j < this.tapCount; j++) {
        // Tap j weighs input sample (i - halfWidth + 1 + j) for an output at time i + fraction.
        const distance = fraction + halfWidth - 1 - j;
        const weight = 2 * cutoff * sinc(2 * cutoff * distance) * kaiser(distance / halfWidth, KAISER_BETA);
        this.#taps[p * this.tapCount + j] = weight;
        sum += weight;
      }
      // Unity gain at DC for every phase: no phase-dependent ripple.
      for (let j = 0; j < this.tapCount; j++)
        this.#taps[p * this.tapCount + j] = (this.#taps[p * this.tapCount + j] ?? 0) / sum;
    }
    this.#buffer = new Float32Array(this.tapCount * 2 + 1024);
    // Start with half a kernel of silence so the first output lines up with the first input sample.
    this.#buffered = halfWidth - 1;
  }

  /** Output samples per input sample. */
  get ratio(): number {
    return this.outputRate / this.inputRate;
  }

  /**
   * Feeds input samples and returns the output samples now computable. The returned array is a view into
   * an internal buffer, valid until the next call: copy it to keep it.
   */
  process(input: Float32Array): Float32Array {
    this.#append(input);
    const maxOutputs = Math.ceil((this.#buffered - this.#readIndex) * this.ratio) + 2;
    if (this.#output.length < maxOutputs) this.#output = new Float32Array(maxOutputs * 2);
    let produced = 0;
    const taps = this.#taps;
    const buffer = this.#buffer;
    const { tapCount } = this;
    while (this.#readIndex + tapCount <= this.#buffered) {
      const base = Math.floor((this.#fraction * this.#phaseCount) / this.#up) * tapCount;
      let acc = 0;
      for (let j = 0; j < tapCount; j++) acc += (buffer[this.#readIndex + j] ?? 0) * (taps[base + j] ?? 0);
      this.#output[produced++] = acc;
      this.#readIndex += this.#stepWhole;
      this.#fraction += this.#stepFraction;
      if (this.#fraction >= this.#up) {
        this.#fraction -= this.#up;
        this.#readIndex += 1;
      }
    }
    this.#compact();
    return this.#output.subarray(0, produced);
  }

  /** Forgets all buffered input (after an interruption), keeping the filter. */
  reset(): void {
    this.#buffer.fill(0);
    this.#buffered = this.tapCount / 2 - 1;
    this.#readIndex = 0;
    this.#fraction = 0;
  }

  #append(input: Float32Array): void {
    const needed = this.#buffered + input.length;
    if (needed > this.#buffer.length) {
      const grown = new Float32Array(needed * 2);
      grown.set(this.#buffer.subarray(0, this.#buffered));
      this.#buffer = grown;
    }
    this.#buffer.set(input, this.#buffered);
    this.#buffered += input.length;
  }

  #compact(): void {
    const keepFrom = Math.min(this.#readIndex, this.#buffered);
    if (keepFrom === 0) return;
    this.#buffer.copyWithin(0, keepFrom, this.#buffered);
    this.#buffered -= keepFrom;
    this.#readIndex -= keepFrom;
  }
}
