import { expect } from '@open-wc/testing';
import { Resampler } from '../src/audio/resampler';
import { describe, it } from './harness/mocha';

function sine(rate: number, frequency: number, seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.sin((2 * Math.PI * frequency * i) / rate);
  return samples;
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** Resamples in 128-sample blocks (a render quantum), like the worklet does. */
function resampleInBlocks(resampler: Resampler, input: Float32Array, block = 128): Float32Array {
  const parts: Float32Array[] = [];
  for (let i = 0; i < input.length; i += block)
    parts.push(resampler.process(input.subarray(i, i + block)).slice());
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Gain in dB of a steady tone through the resampler (edges with filter start-up excluded). */
function toneGainDb(inputRate: number, outputRate: number, frequency: number): number {
  const input = sine(inputRate, frequency, 1);
  const output = resampleInBlocks(new Resampler(inputRate, outputRate), input);
  const steady = output.subarray(Math.floor(output.length / 4), Math.floor((output.length * 3) / 4));
  return 20 * Math.log10(rms(steady) / rms(input));
}

describe('Resampler', () => {
  it('passes 1 kHz from 48 kHz to 16 kHz within 0.5 dB', () => {
    expect(Math.abs(toneGainDb(48_000, 16_000, 1_000))).to.be.below(0.5);
  });

  it('attenuates 12 kHz at 48 kHz input by at least 50 dB (no alias at 4 kHz)', () => {
    expect(toneGainDb(48_000, 16_000, 12_000)).to.be.below(-50);
  });

  it('handles 44.1 kHz devices: 1 kHz passes, 12 kHz is removed', () => {
    expect(Math.abs(toneGainDb(44_100, 16_000, 1_000))).to.be.below(0.5);
    expect(toneGainDb(44_100, 16_000, 12_000)).to.be.below(-50);
  });

  it('upsamples the interviewer voice from 24 kHz to 48 kHz without loss at 1 kHz', () => {
    expect(Math.abs(toneGainDb(24_000, 48_000, 1_000))).to.be.below(0.5);
  });

  it('produces the exact output rate over time', () => {
    const resampler = new Resampler(48_000, 16_000);
    const total = resampleInBlocks(resampler, sine(48_000, 440, 2)).length;
    expect(Math.abs(total - 32_000)).to.be.at.most(resampler.tapCount);
  });

  it('gives the same samples whatever the block size', () => {
    const input = sine(48_000, 700, 0.25);
    const inOneGo = new Resampler(48_000, 16_000).process(input).slice();
    const inOddBlocks = resampleInBlocks(new Resampler(48_000, 16_000), input, 37);
    expect(inOddBlocks.length).to.equal(inOneGo.length);
    for (let i = 0; i < inOneGo.length; i++)
      expect(inOddBlocks[i]).to.be.closeTo(inOneGo[i] ?? Number.NaN, 1e-6);
  });

  it('rejects impossible rates', () => {
    expect(() => new Resampler(0, 16_000)).to.throw(RangeError);
    expect(() => new Resampler(44_100.5, 16_000)).to.throw(RangeError);
  });
});
