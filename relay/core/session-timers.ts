/** The timers of one interview: its time limit (with a warning before it) and the wait for a client. */
export class SessionTimers {
  #grace: ReturnType<typeof setTimeout> | undefined;
  #limit: ReturnType<typeof setTimeout>[] = [];
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly on: { warning(): void; limit(): void; abandoned(): void }) {}

  /** The interview ends at `limitMs`; the candidate is warned `warningMs` before. */
  startLimit(limitMs: number, warningMs: number): void {
    this.#limit.push(
      setTimeout(() => this.on.warning(), Math.max(0, limitMs - warningMs)),
      setTimeout(() => this.on.limit(), Math.max(0, limitMs)),
    );
  }

  /** No client is attached: give up after `graceMs` unless one arrives. */
  awaitClient(graceMs: number): void {
    clearTimeout(this.#grace);
    this.#grace = setTimeout(() => this.on.abandoned(), graceMs);
  }

  /** A client is attached: stop waiting, and beat every `heartbeatMs` so it can tell a dead connection. */
  clientArrived(heartbeatMs: number, beat: () => void): void {
    clearTimeout(this.#grace);
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(beat, heartbeatMs);
  }

  clientLeft(): void {
    clearInterval(this.#heartbeat);
  }

  clear(): void {
    clearTimeout(this.#grace);
    clearInterval(this.#heartbeat);
    for (const timer of this.#limit) clearTimeout(timer);
    this.#limit = [];
  }
}
