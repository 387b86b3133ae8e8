/**
 * The end of an interview's time: at the limit the interviewer is asked (by the relay's fixed wrap-up
 * request) to close, and the session ends after that closing turn. If the interviewer was mid-turn at the
 * limit, the request waits for that turn to end, so the turn that ends the session is the closing one.
 * When the closing overruns the grace period the session is stopped hard.
 */
export class TimeLimit {
  #state: 'running' | 'waiting-for-turn' | 'wrapping' = 'running';
  #grace: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly graceMs: number,
    private readonly on: {
      /** The interviewer is speaking right now. */
      midTurn(): boolean;
      /** Ask the interviewer to close; end after the next turn completes. */
      wrapUp(): void;
      /** The grace period ran out: end now. */
      hardStop(): void;
    },
  ) {}

  /** True once the limit was reached (the session is closing on time). */
  get reached(): boolean {
    return this.#state !== 'running';
  }

  /** The limit is here. */
  reach(): void {
    if (this.#state !== 'running') return;
    this.#grace = setTimeout(() => this.on.hardStop(), this.graceMs);
    if (this.on.midTurn()) this.#state = 'waiting-for-turn';
    else this.#wrapUp();
  }

  /** An interviewer turn completed or was interrupted. */
  turnEnded(): void {
    if (this.#state === 'waiting-for-turn') this.#wrapUp();
  }

  clear(): void {
    clearTimeout(this.#grace);
  }

  #wrapUp(): void {
    this.#state = 'wrapping';
    this.on.wrapUp();
  }
}
