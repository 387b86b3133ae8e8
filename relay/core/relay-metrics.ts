import type { Logger } from './logger';
import { type Labels, MetricsRegistry } from './metrics-registry';
import type { ReconnectCause } from './reconnect-cause';

/** Latency buckets in seconds: 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BYTES_PER_SECOND = { in: 16_000 * 2, out: 24_000 * 2 } as const;
/** Counted once per audio frame each way: constant frozen labels let the registry skip the key string. */
const DIRECTION = {
  in: Object.freeze({ direction: 'in' }),
  out: Object.freeze({ direction: 'out' }),
} as const;

/**
 * What the relay counts, by name. Node renders it at `GET /metrics`; on Workers, where every Durable Object
 * has its own memory, each increment is also written as a `metric` log line that Workers Observability
 * can sum (docs/deploy.md). Labels are fixed vocabularies (reasons, causes, codes): never ids or tokens.
 */
export class RelayMetrics {
  readonly registry = new MetricsRegistry();
  readonly #log: Logger | undefined;
  readonly #started = this.#counter('vi_sessions_started_total', 'Interview sessions created.');
  readonly #ended = this.#counter('vi_sessions_ended_total', 'Interview sessions ended, by reason.');
  readonly #attached = this.#counter('vi_client_connections_total', 'Client connections, by transport.');
  readonly #fallbacks = this.#counter(
    'vi_transport_fallbacks_total',
    'A session whose client came back on another transport, by from and to.',
  );
  readonly #reconnects = this.#counter('vi_upstream_reconnects_total', 'Upstream reconnects, by cause.');
  readonly #resumes = this.#counter('vi_upstream_resumes_total', 'Upstream resumes that succeeded.');
  readonly #bytes = this.#counter(
    'vi_audio_bytes_total',
    'Audio bytes, by direction (in = candidate).',
    false,
  );
  readonly #seconds = this.#counter('vi_audio_seconds_total', 'Audio seconds, by direction.', false);
  readonly #drops = this.#counter('vi_audio_dropped_bytes_total', 'Audio bytes dropped, by queue.', false);
  readonly #errors = this.#counter('vi_errors_total', 'Errors sent to clients, by code.');
  readonly #createToReady = this.registry.histogram(
    'vi_create_to_ready_seconds',
    'Session creation to the interviewer connection being live.',
    LATENCY_BUCKETS,
  );
  readonly #uplink = this.registry.histogram(
    'vi_uplink_to_upstream_seconds',
    'Candidate audio frame accepted to sent upstream (waits while the upstream switches).',
    LATENCY_BUCKETS,
  );
  readonly #downlink = this.registry.histogram(
    'vi_upstream_to_client_seconds',
    'Interviewer audio chunk from upstream to handed to the client connection.',
    LATENCY_BUCKETS,
  );

  constructor(options: { liveSessions?: () => number; log?: Logger } = {}) {
    this.#log = options.log;
    if (options.liveSessions)
      this.registry.gauge('vi_sessions_live', 'Interview sessions in memory now.', options.liveSessions);
  }

  /** `logged`: also one log line per increment (events, not the per-chunk audio counters). */
  #counter(name: string, help: string, logged = true): (labels?: Labels, by?: number) => void {
    const inc = this.registry.counter(name, help);
    return (labels = {}, by = 1) => {
      inc(labels, by);
      if (logged) this.#log?.log('info', 'metric', { metric: name, labels, value: by });
    };
  }

  sessionStarted(): void {
    this.#started();
  }
  sessionEnded(reason: string): void {
    this.#ended({ reason });
  }
  clientAttached(transport: string, previous: string | undefined): void {
    this.#attached({ transport });
    if (previous && previous !== transport) this.#fallbacks({ from: previous, to: transport });
  }
  upstreamReconnect(cause: ReconnectCause): void {
    this.#reconnects({ cause });
  }
  upstreamResumed(): void {
    this.#resumes();
  }
  audio(direction: 'in' | 'out', bytes: number): void {
    this.#bytes(DIRECTION[direction], bytes);
    this.#seconds(DIRECTION[direction], bytes / BYTES_PER_SECOND[direction]);
  }
  audioDropped(queue: 'upstream' | 'resend' | 'client', bytes: number): void {
    this.#drops({ queue }, bytes);
  }
  error(code: string): void {
    this.#errors({ code });
  }
  createToReady(ms: number): void {
    this.#createToReady(ms / 1000);
  }
  uplinkToUpstream(ms: number): void {
    this.#uplink(ms / 1000);
  }
  upstreamToClient(ms: number): void {
    this.#downlink(ms / 1000);
  }
}
