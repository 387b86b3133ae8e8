/**
 * The side benches' figures as rows of the one table, read from the lines each printed: the relay in workerd
 * (CPU per session-second, an interview hour, latency each way on both transports) and the widget in
 * Chromium (bundle size, main-thread time against the idle element, Start → first uplink frame, time to
 * `live` when WebSockets pass, are refused or are swallowed). A bench that did not run leaves '—'.
 */
import { GZIP_BUDGET_BYTES } from '../../vite.config';
import type { Row } from './audio-rows';
import { numbersOn, type SideLines } from './side-lines';

type Side = SideLines;

const P50_P99 = /p50 (-?[\d.]+) ms.*?p99 (-?[\d.]+) ms/;
const P50 = /p50 (-?[\d.]+) ms/;

export function sideFigures(side: Side) {
  const [workerdCpuMs] = numbersOn(side, 'workerd CPU per session-second', /\): (-?[\d.]+) ms/, 1);
  const [workerdHourCpuS] = numbersOn(side, 'an interview hour costs', /^ (-?[\d.]+) s/, 1);
  const [wdUpWsP50, wdUpWsP99] = numbersOn(side, 'workerd uplink frame → Gemini (WebSocket):', P50_P99, 2);
  const [wdDownWsP50, wdDownWsP99] = numbersOn(side, 'Gemini → client (WebSocket):', P50_P99, 2);
  const [wdUpPostP50, wdUpPostP99] = numbersOn(side, 'workerd uplink frame → Gemini (POST):', P50_P99, 2);
  const [wdDownSseP50, wdDownSseP99] = numbersOn(side, 'Gemini → client (SSE):', P50_P99, 2);
  const [bundleGzipKb, bundleBrotliKb] = numbersOn(
    side,
    'dist/voice-interview.js:',
    /([\d.]+) KB gzip -9, ([\d.]+) KB brotli/,
    2,
  );
  const [mainThreadMsPerS] = numbersOn(side, 'live interview: main-thread tasks', /p50 ([\d.]+) ms\/s/, 1);
  const [mainThreadIdleMsPerS] = numbersOn(side, 'baseline, element idle:', /p50 ([\d.]+) ms\/s/, 1);
  const [startToFirstFrameMs] = numbersOn(side, 'Start click -> first uplink frame', P50, 1);
  const [liveWsMs] = numbersOn(side, 'proxy passes everything', P50, 1);
  const [liveRefusedMs] = numbersOn(side, 'proxy answers upgrades 403', P50, 1);
  const [liveSwallowedMs] = numbersOn(side, 'proxy swallows the upgrade', P50, 1);
  return {
    workerdCpuMs: workerdCpuMs as number,
    workerdHourCpuS: workerdHourCpuS as number,
    wdUpWsP50: wdUpWsP50 as number,
    wdUpWsP99: wdUpWsP99 as number,
    wdDownWsP50: wdDownWsP50 as number,
    wdDownWsP99: wdDownWsP99 as number,
    wdUpPostP50: wdUpPostP50 as number,
    wdUpPostP99: wdUpPostP99 as number,
    wdDownSseP50: wdDownSseP50 as number,
    wdDownSseP99: wdDownSseP99 as number,
    bundleGzipKb: bundleGzipKb as number,
    bundleBrotliKb: bundleBrotliKb as number,
    mainThreadMsPerS: mainThreadMsPerS as number,
    mainThreadIdleMsPerS: mainThreadIdleMsPerS as number,
    startToFirstFrameMs: startToFirstFrameMs as number,
    liveWsMs: liveWsMs as number,
    liveRefusedMs: liveRefusedMs as number,
    liveSwallowedMs: liveSwallowedMs as number,
  };
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const ok = (x: number, good: boolean) => (Number.isFinite(x) ? (good ? 'yes' : 'NO') : '');

export function sideRows(side: Side): Row[] {
  const s = sideFigures(side);
  const budgetKb = GZIP_BUDGET_BYTES / 1024;
  const row = (figure: string, ours: string, naive = '', target = '', met = ''): Row => ({
    figure,
    ours,
    naive,
    seed: '',
    target,
    met,
  });
  return [
    row('workerd CPU ms per session-second (Durable Object path, 20 sessions)', f(s.workerdCpuMs)),
    row('  an interview hour in workerd, s of CPU', f(s.workerdHourCpuS, 1)),
    row(
      'workerd latency up / down p50 / p99 ms, WebSocket (end to end)',
      `${f(s.wdUpWsP50)}/${f(s.wdUpWsP99)} · ${f(s.wdDownWsP50)}/${f(s.wdDownWsP99)}`,
    ),
    row(
      'workerd latency up (POST) / down (SSE) p50 / p99 ms (end to end)',
      `${f(s.wdUpPostP50)}/${f(s.wdUpPostP99)} · ${f(s.wdDownSseP50)}/${f(s.wdDownSseP99)}`,
    ),
    row(
      'Widget bundle gzip / brotli KB',
      `${f(s.bundleGzipKb, 1)} / ${f(s.bundleBrotliKb, 1)}`,
      '',
      `gzip ≤ ${budgetKb}`,
      ok(s.bundleGzipKb, s.bundleGzipKb <= budgetKb),
    ),
    row(
      'Widget main thread, ms per second of live audio (Chromium)',
      `${f(s.mainThreadMsPerS)} (element idle ${f(s.mainThreadIdleMsPerS)})`,
      '',
      '≤ 5',
      ok(s.mainThreadMsPerS, s.mainThreadMsPerS <= 5),
    ),
    row('Start click → first uplink frame, p50 ms (Chromium)', f(s.startToFirstFrameMs, 0)),
    row(
      'Time to live, p50 ms: WebSocket passes / refused (403) / swallowed',
      `${f(s.liveWsMs, 0)} / ${f(s.liveRefusedMs, 0)} / ${f(s.liveSwallowedMs, 0)}`,
      '',
      'refused +≤ 1500, swallowed +≤ 3000',
      ok(s.liveSwallowedMs, s.liveRefusedMs - s.liveWsMs <= 1500 && s.liveSwallowedMs - s.liveWsMs <= 3000),
    ),
  ];
}
