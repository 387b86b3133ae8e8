/** Reading figures back out of the lines the side benches printed (they run as their own processes). */

export type SideLines = { lines: string[] }[];

/** The capture groups of `pattern` after `label` on the first line with a match, as numbers (NaN if none). */
export function numbersOn(side: SideLines, label: string, pattern: RegExp, count: number): number[] {
  for (const line of side.flatMap((s) => s.lines)) {
    const at = line.indexOf(label);
    if (at < 0) continue;
    const m = pattern.exec(line.slice(at + label.length));
    if (m) return Array.from({ length: count }, (_, i) => Number(m[i + 1]));
  }
  return Array.from({ length: count }, () => Number.NaN);
}

/** The first number standing on its own after `label` (not the 50 of "p50"), or NaN. */
export function figureAfter(side: SideLines, label: string): number {
  return numbersOn(side, label, /(?:^|\s)(-?\d+(?:\.\d+)?)/, 1)[0] as number;
}
