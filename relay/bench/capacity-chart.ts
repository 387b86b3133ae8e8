/** docs/benchmarks-capacity.svg: p99 added latency and relay CPU against session count, ours vs naive. Hand-written SVG. */
import type { WindowResult } from './load/windows';
import { addedP99At } from './print-report';

const W = 640;
const H = 300;
const PAD = { left: 56, right: 56, top: 30, bottom: 44 };
const COLOURS = { 'ours-ws': '#1565c0', 'naive-ws': '#c62828' } as const;

export function capacityChart(capacity: WindowResult[]): string {
  const counts = [...new Set(capacity.map((w) => w.sessions))].sort((a, b) => a - b);
  const series = (['ours-ws', 'naive-ws'] as const).map((kind) => ({
    kind,
    points: capacity
      .filter((w) => w.kind === kind)
      .map((w) => ({
        n: w.sessions,
        p99: Math.max(0, addedP99At(capacity, kind, w.sessions)),
        cpu: w.relayCpuMs,
        ok: w.sustained,
      })),
  }));
  const maxN = Math.max(...counts, 1);
  const maxP99 = Math.max(20, ...series.flatMap((s) => s.points.map((p) => Math.min(p.p99, 200))));
  const maxCpu = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.cpu)));
  const x = (n: number) => PAD.left + (n / maxN) * (W - PAD.left - PAD.right);
  const yL = (v: number) => H - PAD.bottom - (Math.min(v, maxP99) / maxP99) * (H - PAD.top - PAD.bottom);
  const yR = (v: number) => H - PAD.bottom - (v / maxCpu) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img">`,
    '<title>Relay p99 added latency and relay CPU per session-second against concurrent sessions, ours vs a naive relay</title>',
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13">Relay p99 added latency (solid, left) and CPU per session-second (dashed, right)</text>`,
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#444"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#444"/>`,
    `<line x1="${W - PAD.right}" y1="${PAD.top}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#444"/>`,
    `<line x1="${PAD.left}" y1="${yL(20)}" x2="${W - PAD.right}" y2="${yL(20)}" stroke="#999" stroke-dasharray="2 3"/>`,
    `<text x="${PAD.left + 4}" y="${yL(20) - 4}" fill="#666">20 ms</text>`,
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">concurrent real-time sessions</text>`,
    `<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">p99 added, ms</text>`,
    `<text x="${W - 12}" y="${H / 2}" transform="rotate(90 ${W - 12} ${H / 2})" text-anchor="middle">CPU ms / session-s</text>`,
  ];
  for (const n of counts) {
    parts.push(`<text x="${x(n)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${n}</text>`);
  }
  for (const frac of [0, 0.5, 1]) {
    parts.push(
      `<text x="${PAD.left - 6}" y="${yL(frac * maxP99) + 4}" text-anchor="end">${(frac * maxP99).toFixed(0)}</text>`,
    );
    parts.push(
      `<text x="${W - PAD.right + 6}" y="${yR(frac * maxCpu) + 4}">${(frac * maxCpu).toFixed(1)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const colour = COLOURS[s.kind];
    const lat = s.points.map((p) => `${x(p.n).toFixed(1)},${yL(p.p99).toFixed(1)}`).join(' ');
    const cpu = s.points.map((p) => `${x(p.n).toFixed(1)},${yR(p.cpu).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${lat}"/>`);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="5 3" points="${cpu}"/>`,
    );
    for (const p of s.points) {
      parts.push(
        `<circle cx="${x(p.n).toFixed(1)}" cy="${yL(p.p99).toFixed(1)}" r="3" fill="${p.ok ? colour : '#fff'}" stroke="${colour}"/>`,
      );
    }
    parts.push(
      `<rect x="${PAD.left + 12}" y="${PAD.top + 8 + i * 16}" width="12" height="3" fill="${colour}"/>`,
    );
    parts.push(
      `<text x="${PAD.left + 30}" y="${PAD.top + 12 + i * 16}">${s.kind === 'ours-ws' ? 'ours' : 'naive relay'}</text>`,
    );
  });
  parts.push(
    `<text x="${PAD.left + 12}" y="${PAD.top + 44}" fill="#666">hollow point: step not sustained (ramp stops)</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
