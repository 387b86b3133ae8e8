/**
 * PCM16 little-endian mono helpers: durations and deterministic test signals. The voice-like
 * signal (harmonics of a drifting pitch under a syllable-rate envelope, with word gaps) is loud enough for
 * any energy VAD, so it works both as the fake's default interviewer audio and as "candidate speech".
 */

export const INPUT_RATE = 16000;
export const OUTPUT_RATE = 24000;

export function durationMs(pcm: Uint8Array, sampleRate: number): number {
  return (Math.floor(pcm.byteLength / 2) / sampleRate) * 1000;
}

/** Reads the sample rate from `audio/pcm;rate=16000`; defaults to 16 kHz like the service. */
export function sampleRateOf(mimeType: unknown): number {
  const m = typeof mimeType === 'string' ? /rate=(\d+)/.exec(mimeType) : null;
  const rate = m ? Number(m[1]) : INPUT_RATE;
  return rate > 0 ? rate : INPUT_RATE;
}

function toBytes(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  return out;
}

/** Digital silence of the given duration. */
export function makeSilencePcm(ms: number, sampleRate = INPUT_RATE): Uint8Array {
  return new Uint8Array(Math.round((ms / 1000) * sampleRate) * 2);
}

/** A continuous voice-like tone (no gaps): reliable "speech" for VAD tests. Peak ≈ 0.35 full scale. */
export function makeSpeechPcm(ms: number, sampleRate = INPUT_RATE, pitchHz = 140): Uint8Array {
  const n = Math.round((ms / 1000) * sampleRate);
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const f0 = pitchHz * (1 + 0.05 * Math.sin(2 * Math.PI * 0.7 * t));
    samples[i] = Math.round(voiced(t, f0) * (0.75 + 0.25 * Math.sin(2 * Math.PI * 4 * t)) * 11000);
  }
  return toBytes(samples);
}

function voiced(t: number, f0: number): number {
  const phase = 2 * Math.PI * f0 * t;
  return (
    Math.sin(phase) * 0.6 +
    Math.sin(2 * phase) * 0.3 +
    Math.sin(3 * phase) * 0.15 +
    Math.sin(5 * phase) * 0.05
  );
}

/** Milliseconds of synthesized speech per character: about 15 characters a second, a calm speaking rate. */
const MS_PER_CHAR = 65;
const WORD_GAP_MS = 70;

/**
 * Voice-like audio whose duration fits `text`: each word is a syllable-modulated voiced segment whose
 * length follows its letters, separated by short gaps; commas and full stops add longer pauses.
 */
export function synthesizeVoice(text: string, sampleRate = OUTPUT_RATE): Uint8Array {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return makeSilencePcm(200, sampleRate);
  const segments: Int16Array[] = [];
  let t0 = 0;
  for (const word of words) {
    const wordMs = Math.max(120, word.replace(/[^\p{L}\p{N}]/gu, '').length * MS_PER_CHAR);
    const n = Math.round((wordMs / 1000) * sampleRate);
    const seg = new Int16Array(n);
    const syllables = Math.max(1, Math.round(wordMs / 220));
    for (let i = 0; i < n; i++) {
      const t = t0 + i / sampleRate;
      const env = Math.sin((Math.PI * syllables * i) / n) ** 2;
      const f0 = 125 + 20 * Math.sin(2 * Math.PI * 0.3 * t);
      seg[i] = Math.round(voiced(t, f0) * env * 10000);
    }
    segments.push(seg);
    const pause = /[.?!]$/.test(word) ? 300 : /[,;:]$/.test(word) ? 160 : WORD_GAP_MS;
    segments.push(new Int16Array(Math.round((pause / 1000) * sampleRate)));
    t0 += (wordMs + pause) / 1000;
  }
  const total = segments.reduce((n, s) => n + s.length, 0);
  const all = new Int16Array(total);
  let offset = 0;
  for (const s of segments) {
    all.set(s, offset);
    offset += s.length;
  }
  return toBytes(all);
}
