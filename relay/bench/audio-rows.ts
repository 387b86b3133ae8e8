/**
 * The audio figures' rows in the one table: the resampler (measured in-process, relay/bench/resampler-quality.bench.ts)
 * and two figures read from side benches' lines: barge-in → silence (widget/bench/audio-timing.bench.ts) and the
 * silence a Gemini rollover adds to the delivered audio (relay/bench/resilience.bench.ts).
 */
import type { ResamplerPath } from './resampler-quality.bench';
import { figureAfter } from './side-lines';

/** One line of the table; `pipe` (the hops alone, relay/bench/load/pipe-relay.ts) is filled where it measured something. */
export type Row = {
  figure: string;
  ours: string;
  naive: string;
  pipe?: string;
  seed: string;
  target: string;
  met: string;
};

const row = (figure: string, ours: string, target = '', met = ''): Row => ({
  figure,
  ours,
  naive: '',
  seed: '',
  target,
  met,
});

export function audioFigures(
  resampler: ResamplerPath[],
  side: { lines: string[] }[],
): Record<string, number> {
  const out: Record<string, number> = {
    bargeInSilenceP50Ms: figureAfter(side, 'interrupted -> speakers silent      p50'),
    rolloverSilenceMedianMs: figureAfter(side, 'silence a rollover adds (median difference):'),
    rolloverSilenceWorstMs: figureAfter(side, '(worst:'),
    rolloverSwitchWindowP50Ms: figureAfter(side, 'switch window (reconnecting → resumed): p50'),
  };
  for (const p of resampler) {
    const key = p.path.replace(/\D+/g, '_').replace(/^_|_$/g, '');
    out[`resampler_${key}_rippleDb`] = p.rippleDb;
    out[`resampler_${key}_stopbandDb`] = p.stopbandDb;
    out[`resampler_${key}_cpuMsPerAudioS`] = p.cpuMsPerAudioSecond;
  }
  return out;
}

export function audioRows(resampler: ResamplerPath[], side: { lines: string[] }[]): Row[] {
  const a = audioFigures(resampler, side);
  const f = (x: number | undefined, d = 1) => (x !== undefined && Number.isFinite(x) ? x.toFixed(d) : '—');
  const ok = (x: number | undefined, good: (v: number) => boolean) =>
    x !== undefined && Number.isFinite(x) ? (good(x) ? 'yes' : 'NO') : '';
  const rows = resampler.map((p) =>
    row(
      `Resampler ${p.path}: ripple dB / stopband dB / CPU ms per audio-s`,
      `${f(p.rippleDb, 3)} / ${f(p.stopbandDb)} / ${f(p.cpuMsPerAudioSecond, 2)}`,
      'stopband ≥ 70',
      ok(p.stopbandDb, (v) => v >= 70),
    ),
  );
  rows.push(
    row(
      'Barge-in: interrupted → speaker silent, p50 ms (Chromium)',
      f(a.bargeInSilenceP50Ms),
      '≤ 50',
      ok(a.bargeInSilenceP50Ms, (v) => v <= 50),
    ),
    row(
      'Silence a Gemini rollover adds to delivered audio, median / worst ms',
      `${f(a.rolloverSilenceMedianMs)} / ${f(a.rolloverSilenceWorstMs)}`,
      'worst ≤ 300',
      ok(a.rolloverSilenceWorstMs, (v) => v <= 300),
    ),
  );
  return rows;
}
