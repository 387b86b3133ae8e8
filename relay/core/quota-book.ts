import { ProtocolError } from '../protocol/protocol-error';
import { RateLimiter } from './rate-limiter';

export interface QuotaLimits {
  /** Sessions running at once, relay-wide. */
  maxSessions: number;
  /** Sessions running at once per client. */
  maxSessionsPerClient: number;
  /** Session creations per client per minute. */
  createRatePerMinute: number;
}

/** One admitted session: who created it and until when it may hold its slot (epoch ms). */
export interface QuotaEntry {
  client: string;
  until: number;
}

/**
 * Relay-wide session admission where sessions live in many places (Workers: one Durable Object each, in any
 * isolate): a single owner of this book (the quota Durable Object) sees every creation and every end.
 * A slot is taken at creation, held until the session ends (released at once) or its `until` passes (a
 * session whose client never came, or whose end was never reported).
 */
export class QuotaBook {
  readonly #entries = new Map<string, QuotaEntry>();
  readonly #creations: RateLimiter;

  constructor(
    private readonly limits: QuotaLimits,
    private readonly now: () => number = Date.now,
    entries: Record<string, QuotaEntry> = {},
  ) {
    this.#creations = new RateLimiter(limits.createRatePerMinute, undefined, now);
    for (const [id, entry] of Object.entries(entries)) this.#entries.set(id, entry);
  }

  /** Takes a slot for a new session, or throws `rate-limited` / `session-limit` (both retryable). */
  admit(client: string, sessionId: string, until: number): void {
    this.#expire();
    if (!this.#creations.take(client))
      throw new ProtocolError('rate-limited', 'Too many interviews started from here. Wait a minute.', true);
    if (this.#entries.size >= this.limits.maxSessions)
      throw new ProtocolError('session-limit', 'The relay is at capacity. Try again in a few minutes.', true);
    let mine = 0;
    for (const entry of this.#entries.values()) if (entry.client === client) mine += 1;
    if (mine >= this.limits.maxSessionsPerClient)
      throw new ProtocolError('rate-limited', 'Too many interviews running from here at once.', true);
    this.#entries.set(sessionId, { client, until });
  }

  /** The session started: it holds its slot until `until` (its hard end) unless released first. */
  extend(sessionId: string, until: number): void {
    const entry = this.#entries.get(sessionId);
    if (entry) entry.until = Math.max(entry.until, until);
  }

  release(sessionId: string): void {
    this.#entries.delete(sessionId);
  }

  get active(): number {
    this.#expire();
    return this.#entries.size;
  }

  /** What to persist, so a restarted owner still knows who holds a slot. */
  entries(): Record<string, QuotaEntry> {
    return Object.fromEntries(this.#entries);
  }

  #expire(): void {
    const now = this.now();
    for (const [id, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(id);
  }
}
