import type { CreateSessionResponse } from '../../../relay/protocol/index';
import type { RelayApi } from './relay-api';

type Credentials = Pick<CreateSessionResponse, 'sessionId' | 'token' | 'expiresAt'>;

/**
 * The session id and its short-lived token: refreshed (`POST …/token`) a margin before it expires and before
 * every reconnect. `onRefreshed` hands the new token to the open transport (SSE's POSTs carry it).
 */
export class SessionCredentials {
  #current: Credentials | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #api: RelayApi;
  readonly #marginMs: number;
  readonly #onRefreshed: (token: string) => void;

  constructor(api: RelayApi, marginMs: number, onRefreshed: (token: string) => void) {
    this.#api = api;
    this.#marginMs = marginMs;
    this.#onRefreshed = onRefreshed;
  }

  get value(): Credentials | undefined {
    return this.#current;
  }

  /** The session was created: keep its credentials and refresh them `marginMs` before they expire. */
  set(created: Credentials): void {
    this.#current = { sessionId: created.sessionId, token: created.token, expiresAt: created.expiresAt };
    this.#schedule();
  }

  async refresh(): Promise<void> {
    if (!this.#current) return;
    const fresh = await this.#api.refreshToken(this.#current.sessionId, this.#current.token);
    this.#current = { ...this.#current, ...fresh };
    this.#onRefreshed(fresh.token);
    this.#schedule();
  }

  /** Tells the relay to end the session now (best effort, survives unload). */
  deleteSession(): void {
    if (this.#current) this.#api.deleteSession(this.#current.sessionId, this.#current.token);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.#current) return;
    const due = Date.parse(this.#current.expiresAt) - Date.now() - this.#marginMs;
    if (Number.isNaN(due)) return;
    // A failed background refresh is retried before the next reconnect, which refreshes first anyway.
    this.#timer = setTimeout(() => void this.refresh().catch(() => undefined), Math.max(1_000, due));
  }
}
