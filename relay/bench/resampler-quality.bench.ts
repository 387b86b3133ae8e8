/**
 * The widget's own resampler (widget/src/audio/resampler.ts), measured in Node on the two paths it runs:
 * capture 48 kHz → 16 kHz (microphone to Gemini) and playback 24 kHz → 48 kHz (Gemini to the speaker).
 * - Passband ripple: gain of pure tones from 100 Hz to 6 kHz (speech), max − min in dB.
 * - Stopband attenuation: capture, tones above the 8 kHz output Nyquist (8.5–23.5 kHz), whose output power
 *   is all aliasing; playback, the power left after removing the tone itself (its images above 12 kHz),
 *   for tones in the passband. The worst (smallest) attenuation is reported.
 * - CPU: ms of CPU per second of audio, fed in 128-sample render quanta as the worklets do.
 * `tsx relay/bench/resampler-quality.bench.ts` prints the lines; run-bench imports {@link measureResampler}.
 */
import { pathToFileURL } from 'node:url';
import { Resampler } from '../../widget/src/audio/resampler';

export interface ResamplerPath {
  path: string;
  rippleDb: number;
  stopbandDb: number;
  cpuMsPerAudioSecond: number;
}

const QUANTUM = 128;

function run(inRate: number, outRate: number, input: Float32Array): Float32Array {
  const r = new Resampler(inRate, outRate);
  const parts: Float32Array[] = [];
  for (let i = 0; i < input.length; i += QUANTUM)
    parts.push(r.process(input.subarray(i, i + QUANTUM)).slice());
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function tone(rate: number, hz: number, seconds: number): Float32Array {
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / rate);
  return x;
}

/** Power of the tone at `hz` (least-squares fit) and of everything else, skipping the filter's start-up. */
function split(y: Float32Array, rate: number, hz: number): { tone: number; rest: number } {
  const from = Math.round(rate * 0.05);
  const to = y.length - Math.round(rate * 0.05);
  // Least squares on [sin, cos] (normal equations, no orthogonality assumed over a non-whole period).
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  let total = 0;
  for (let i = from; i < to; i++) {
    const v = y[i] ?? 0;
    const sn = Math.sin((2 * Math.PI * hz * i) / rate);
    const cs = Math.cos((2 * Math.PI * hz * i) / rate);
    ss += sn * sn;
    cc += cs * cs;
    sc += sn * cs;
    ys += v * sn;
    yc += v * cs;
    total += v * v;
  }
  const n = to - from;
  const det = ss * cc - sc * sc;
  const a = hz < rate / 2 && det > 0 ? (ys * cc - yc * sc) / det : 0;
  const b = hz < rate / 2 && det > 0 ? (yc * ss - ys * sc) / det : 0;
  // Power of the fitted part: a·ys + b·yc is its projection energy.
  const tonePower = (a * ys + b * yc) / n;
  return { tone: tonePower, rest: Math.max(total / n - tonePower, 1e-30) };
}

const INPUT_POWER = 0.125; // a 0.5-amplitude sine
const db = (ratio: number) => 10 * Math.log10(ratio);
const passbandTones = Array.from({ length: 30 }, (_, i) => 100 + i * 201);

function cpuPerSecond(inRate: number, outRate: number): number {
  const seconds = 20;
  const input = tone(inRate, 440, seconds);
  run(inRate, outRate, input.subarray(0, inRate)); // warm-up: let the JIT settle
  const start = process.cpuUsage();
  run(inRate, outRate, input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / seconds;
}

function measure(inRate: number, outRate: number, stopTones: number[], imageTones: boolean): ResamplerPath {
  const gains = passbandTones.map((hz) =>
    db(split(run(inRate, outRate, tone(inRate, hz, 1)), outRate, hz).tone / INPUT_POWER),
  );
  const stop = imageTones
    ? passbandTones.map((hz) => {
        const p = split(run(inRate, outRate, tone(inRate, hz, 1)), outRate, hz);
        return -db(p.rest / INPUT_POWER);
      })
    : stopTones.map((hz) => {
        const p = split(run(inRate, outRate, tone(inRate, hz, 1)), outRate, hz);
        return -db((p.tone + p.rest) / INPUT_POWER);
      });
  return {
    path: `${inRate / 1000} → ${outRate / 1000} kHz`,
    rippleDb: Math.max(...gains) - Math.min(...gains),
    stopbandDb: Math.min(...stop),
    cpuMsPerAudioSecond: cpuPerSecond(inRate, outRate),
  };
}

export function measureResampler(): ResamplerPath[] {
  const aliasTones = Array.from({ length: 16 }, (_, i) => 8500 + i * 1000);
  return [measure(48000, 16000, aliasTones, false), measure(24000, 48000, [], true)];
}

export function resamplerLines(paths: ResamplerPath[]): string[] {
  return paths.map(
    (p) =>
      `${p.path}: passband ripple ${p.rippleDb.toFixed(3)} dB (100 Hz–6 kHz), stopband ≥ ${p.stopbandDb.toFixed(1)} dB, ` +
      `${p.cpuMsPerAudioSecond.toFixed(2)} ms CPU per second of audio`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${resamplerLines(measureResampler()).join('\n')}\n`);
}
