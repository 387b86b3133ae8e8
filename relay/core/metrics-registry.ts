/**
 * Counters, gauges and histograms with labels, rendered in the Prometheus text exposition format (0.0.4).
 * Hand-written rather than prom-client: that library is Node-only (it reads `process` for its default
 * metrics and pulls in `cluster`), while the same counters must run in the portable core on workerd.
 */

export type Labels = Record<string, string>;

type Kind = 'counter' | 'gauge' | 'histogram';

interface Series {
  labels: Labels;
  value: number;
  /** Histograms only: cumulative-by-render counts per bucket, and the observation count. */
  buckets?: number[];
  count?: number;
}

interface Family {
  name: string;
  help: string;
  kind: Kind;
  bounds: number[];
  series: Map<string, Series>;
  /** The series each label object last resolved to (hot paths pass the same constant object each time). */
  byObject: WeakMap<Labels, Series>;
  /** Gauges read at render time (e.g. live sessions). */
  read?: () => number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** The labels of an unlabelled observation: one object, so its series is found without building a key. */
const NO_LABELS: Labels = Object.freeze({});

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

export class MetricsRegistry {
  readonly #families = new Map<string, Family>();

  #family(name: string, help: string, kind: Kind, bounds: number[] = []): Family {
    if (!NAME.test(name)) throw new TypeError(`bad metric name ${name}`);
    let family = this.#families.get(name);
    if (!family) {
      family = { name, help, kind, bounds, series: new Map(), byObject: new WeakMap() };
      this.#families.set(name, family);
    }
    return family;
  }

  /**
   * The series of `labels`. Label objects are read, never kept: a caller that passes the same frozen object
   * every time (per-chunk audio counters) skips building the sorted key string.
   */
  #series(family: Family, labels: Labels): Series {
    const known = family.byObject.get(labels);
    if (known) return known;
    const key = labelKey(labels);
    let series = family.series.get(key);
    if (!series) {
      series = { labels: { ...labels }, value: 0 };
      if (family.kind === 'histogram') {
        series.buckets = family.bounds.map(() => 0);
        series.count = 0;
      }
      family.series.set(key, series);
    }
    if (Object.isFrozen(labels)) family.byObject.set(labels, series);
    return series;
  }

  /** Declares a counter (so it renders as 0 before its first increment). */
  counter(name: string, help: string): (labels?: Labels, by?: number) => void {
    const family = this.#family(name, help, 'counter');
    return (labels = NO_LABELS, by = 1) => {
      if (by < 0 || !Number.isFinite(by)) return;
      this.#series(family, labels).value += by;
    };
  }

  /** A value read when the metrics are rendered: a gauge, or a counter kept elsewhere. */
  gauge(name: string, help: string, read: () => number, kind: 'gauge' | 'counter' = 'gauge'): void {
    this.#family(name, help, kind).read = read;
  }

  histogram(name: string, help: string, bounds: number[]): (value: number, labels?: Labels) => void {
    const family = this.#family(
      name,
      help,
      'histogram',
      [...bounds].sort((a, b) => a - b),
    );
    return (value, labels = NO_LABELS) => {
      if (!Number.isFinite(value)) return;
      const series = this.#series(family, labels);
      series.value += value;
      series.count = (series.count ?? 0) + 1;
      const index = family.bounds.findIndex((bound) => value <= bound);
      if (index >= 0 && series.buckets) series.buckets[index] = (series.buckets[index] ?? 0) + 1;
    };
  }

  /** Current value of a counter series (tests and the Workers log line). */
  value(name: string, labels: Labels = {}): number {
    return this.#families.get(name)?.series.get(labelKey(labels))?.value ?? 0;
  }

  /** The Prometheus text exposition of every metric. */
  render(): string {
    const lines: string[] = [];
    for (const family of this.#families.values()) {
      lines.push(`# HELP ${family.name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
      lines.push(`# TYPE ${family.name} ${family.kind}`);
      if (family.read) lines.push(`${family.name} ${formatNumber(family.read())}`);
      if (family.kind === 'counter' && family.series.size === 0 && !family.read)
        lines.push(`${family.name} 0`);
      for (const series of family.series.values()) {
        if (family.kind !== 'histogram') {
          lines.push(`${family.name}${formatLabels(series.labels)} ${formatNumber(series.value)}`);
          continue;
        }
        let cumulative = 0;
        family.bounds.forEach((bound, i) => {
          cumulative += series.buckets?.[i] ?? 0;
          lines.push(
            `${family.name}_bucket${formatLabels(series.labels, ['le', formatNumber(bound)])} ${cumulative}`,
          );
        });
        lines.push(`${family.name}_bucket${formatLabels(series.labels, ['le', '+Inf'])} ${series.count}`);
        lines.push(`${family.name}_sum${formatLabels(series.labels)} ${formatNumber(series.value)}`);
        lines.push(`${family.name}_count${formatLabels(series.labels)} ${series.count}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
