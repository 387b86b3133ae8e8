import type { BackoffPolicy } from '../protocol/backoff';
import { backoffDelay } from '../protocol/backoff';
import type { ErrorCode } from '../protocol/messages';
import {
  GeminiUpstream,
  UpstreamConnectError,
  type UpstreamHandlers,
  type UpstreamSettings,
} from './gemini-upstream';
import type { Logger } from './logger';
import { type ReconnectCause, reconnectCauseOf } from './reconnect-cause';
import { classifyUpstreamClose } from './upstream-close';
import { UpstreamOutbox } from './upstream-outbox';

/** Reconnect policy for the upstream Gemini connection, in one place. */
export interface UpstreamPolicy {
  /** Attempts to resume after an unexpected close, before the session fails. */
  maxResumeAttempts: number;
  /** Delays between resume attempts (the backoff shared with the widget). */
  backoff: BackoffPolicy;
  /** Candidate audio kept while the upstream is switching (10 s of 16 kHz PCM16); oldest dropped first. */
  maxQueuedAudioBytes: number;
  /**
   * Candidate audio kept since the newest handle (10 s), re-sent after resuming from it: the resumed
   * session is the state the handle was issued in, without what the old connection consumed after it.
   */
  maxResendAudioBytes: number;
  /**
   * After a typed answer or a turn end, later messages wait (at most this long) for the handle of the
   * reply: that handle then stands for exactly what was sent up to the turn end. Short, because speech
   * held meanwhile is late, and Gemini's handle often comes only after the whole reply anyway.
   */
  turnEndHoldMs: number;
  /** Switch connections this long before a goAway deadline even if the interviewer is mid-turn. */
  goAwaySafetyMs: number;
  /**
   * After `turnComplete`, wait this long for the resumption handle Gemini sends next before switching:
   * resuming from the handle before it rewinds the conversation by one turn.
   */
  handleWaitMs: number;
  /** A connection older than this switches at the next turn boundary (Gemini ends them at ~10 min). */
  rolloverAfterMs: number;
  /** A connect without setupComplete by then is abandoned: closed, and retried. */
  connectTimeoutMs: number;
}

export const UPSTREAM_POLICY: UpstreamPolicy = {
  maxResumeAttempts: 4,
  backoff: { initialDelayMs: 250, maxDelayMs: 4_000, multiplier: 2, jitter: 0.5 },
  maxQueuedAudioBytes: 320_000,
  maxResendAudioBytes: 320_000,
  turnEndHoldMs: 300,
  goAwaySafetyMs: 2_000,
  handleWaitMs: 1_500,
  rolloverAfterMs: 540_000,
  connectTimeoutMs: 15_000,
};

export type LinkEvents = Omit<UpstreamHandlers, 'closed' | 'resumeHandle' | 'goAway'> & {
  /** Upstream is being re-established (notice for the client), and why. */
  reconnecting(cause: ReconnectCause): void;
  /** Upstream is back after a switch or a drop. */
  resumed(): void;
  /** Upstream is gone for good. */
  failed(code: ErrorCode, message: string): void;
  /** A new resumption handle: the conversation can be picked up from here. */
  handleChanged(handle: string): void;
  /** Candidate audio dropped from the switch queue (it was full): bytes lost. */
  audioDropped?(bytes: number): void;
  /** Candidate audio no longer kept for a re-send (over its bound): lost if the upstream now resumes. */
  resendDropped?(bytes: number): void;
  /** Candidate audio reached the upstream socket, `waitedMs` after it was handed to the link. */
  audioSent?(waitedMs: number): void;
};

/**
 * Keeps one Gemini Live session alive across connection limits and drops: follows resumption handles,
 * switches connections on goAway (and before the known lifetime) at a turn boundary with the newest
 * handle, retries resumable closes with capped backoff and jitter, and queues candidate audio while
 * switching, flushing it in order, once. After a resume it first re-sends what it sent after the handle
 * it resumed from, so the resumed session gets every message once.
 */
export class UpstreamLink {
  #current: GeminiUpstream | undefined;
  #handle: string | undefined;
  /** False between a `turnComplete` and the handle Gemini sends after it. */
  #handleFresh = true;
  #closed = false;
  #attempts = 0;
  #midTurn = false;
  #switchPending: ReconnectCause | undefined;
  #switchTimer: ReturnType<typeof setTimeout> | undefined;
  #handleTimer: ReturnType<typeof setTimeout> | undefined;
  #rolloverTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
  /** Candidate audio, text and turn ends in order, held while switching, re-sent after a resume. */
  readonly #outbox: UpstreamOutbox;
  /** Nothing of a turn came on this connection yet: a handle now is the state the connection began in. */
  #quiet = true;
  readonly #policy: UpstreamPolicy;

  constructor(
    private readonly settings: Omit<UpstreamSettings, 'resumeHandle'>,
    private readonly events: LinkEvents,
    private readonly log: Logger,
    /** A handle saved by an earlier incarnation of this session: the first connection resumes it. */
    initialHandle?: string,
    policy: Partial<UpstreamPolicy> = {},
  ) {
    this.#handle = initialHandle;
    this.#policy = { ...UPSTREAM_POLICY, ...policy };
    this.#outbox = new UpstreamOutbox(this.#policy, events);
  }

  /** First connection. Rejects with UpstreamConnectError when Gemini refuses the session. */
  async open(): Promise<void> {
    await this.#connect();
  }

  /** The interviewer is producing a turn (audio or transcript seen, no turnComplete yet). */
  get midTurn(): boolean {
    return this.#midTurn;
  }

  sendAudio(pcm: Uint8Array): void {
    if (!this.#closed) this.#outbox.send({ pcm, at: Date.now() });
  }

  sendAudioStreamEnd(): void {
    if (!this.#closed)
      this.#outbox.send({ action: (upstream) => upstream.sendAudioStreamEnd(), endsTurn: true });
  }

  /** A typed answer or a fixed instruction: held, in order with the audio, while a connection is made. */
  sendText(text: string): void {
    if (!this.#closed) this.#outbox.send({ action: (upstream) => upstream.sendText(text), endsTurn: true });
  }

  acknowledgeEndInterview(callId: string): void {
    this.#current?.acknowledgeEndInterview(callId);
  }

  acknowledgeNextQuestion(callId: string): void {
    this.#current?.acknowledgeNextQuestion(callId);
  }

  close(): void {
    this.#closed = true;
    this.#clearTimers();
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer.timer);
      this.#retryTimer.wake();
    }
    this.#current?.close();
    this.#current = undefined;
    this.#outbox.clear();
  }

  #clearTimers(): void {
    clearTimeout(this.#switchTimer);
    clearTimeout(this.#handleTimer);
    clearTimeout(this.#rolloverTimer);
  }

  /** Something of a turn came: a handle from now on follows what was sent before it. */
  #heard(): void {
    this.#quiet = false;
  }

  async #connect(): Promise<void> {
    this.#quiet = true;
    let upstream: GeminiUpstream | undefined;
    const handlers: UpstreamHandlers = {
      ...this.events,
      audio: (pcm) => {
        this.#midTurn = true;
        this.#heard();
        this.events.audio(pcm);
      },
      inputTranscript: (text) => {
        this.#heard();
        this.events.inputTranscript(text);
      },
      outputTranscript: (text) => {
        this.#midTurn = true;
        this.#heard();
        this.events.outputTranscript(text);
      },
      endInterviewCalled: (callId) => {
        this.#heard();
        this.events.endInterviewCalled(callId);
      },
      nextQuestionCalled: (call) => {
        this.#heard();
        this.events.nextQuestionCalled(call);
      },
      interrupted: () => {
        this.#midTurn = false;
        this.#handleFresh = false;
        this.#heard();
        this.events.interrupted();
        this.#switchIfDue();
      },
      turnComplete: () => {
        this.#midTurn = false;
        this.#handleFresh = false;
        this.#heard();
        this.events.turnComplete();
        this.#switchIfDue();
      },
      resumeHandle: (handle) => {
        this.#handle = handle;
        this.#handleFresh = true;
        // Gemini consumed what was sent before the handle; a handle before any turn output is the state
        // this connection began in (what it re-sent is not in it). Read before a switch resets `#quiet`.
        const coversSent = !this.#quiet;
        this.events.handleChanged(handle);
        this.#switchIfDue();
        this.#outbox.handle(coversSent);
      },
      goAway: (timeLeftMs) => this.#onGoAway(timeLeftMs),
      closed: (code, reason) => this.#onClosed(upstream, code, reason),
    };
    upstream = await GeminiUpstream.connect(
      { ...this.settings, resumeHandle: this.#handle, connectTimeoutMs: this.#policy.connectTimeoutMs },
      handlers,
    );
    if (this.#closed) {
      upstream.close();
      return;
    }
    this.#current = upstream;
    this.#handleFresh = true;
    this.#rolloverTimer = setTimeout(() => this.#requestSwitch('rollover'), this.#policy.rolloverAfterMs);
    // The session resumed as the handle left it: what was sent after the handle goes again, first.
    this.#outbox.connected(upstream);
  }

  #onGoAway(timeLeftMs: number): void {
    this.log.log('info', 'upstream goAway', { timeLeftMs });
    if (!this.#handle) return;
    this.#requestSwitch('goaway');
    // Past this point the old connection is about to die anyway: switch even mid-turn.
    clearTimeout(this.#switchTimer);
    this.#switchTimer = setTimeout(
      () => this.#switchNow(),
      Math.max(0, timeLeftMs - this.#policy.goAwaySafetyMs),
    );
  }

  /** Asks for a connection switch at the next turn boundary (now, when there is one already). */
  #requestSwitch(cause: ReconnectCause): void {
    if (this.#closed || !this.#current) return;
    this.#switchPending ??= cause;
    this.#switchIfDue();
  }

  /** A switch waits for a turn boundary and for the handle that follows it (the newest one). */
  #switchIfDue(): void {
    if (!this.#switchPending || this.#midTurn) return;
    if (this.#handleFresh) {
      this.#switchNow();
      return;
    }
    this.#handleTimer ??= setTimeout(() => this.#switchNow(), this.#policy.handleWaitMs);
  }

  /** Closes the old connection first (Gemini answers 1011 to a resume while it is open), then resumes. */
  #switchNow(): void {
    const cause = this.#switchPending;
    if (!cause || this.#closed) return;
    this.#switchPending = undefined;
    this.#clearTimers();
    this.#handleTimer = undefined;
    const old = this.#current;
    this.#current = undefined;
    this.#outbox.disconnected();
    old?.close();
    this.log.log('info', 'upstream switching', { cause, handleFresh: this.#handleFresh });
    this.events.reconnecting(cause);
    void this.#resume();
  }

  #onClosed(upstream: GeminiUpstream | undefined, code: number, reason: string): void {
    if (this.#closed || upstream !== this.#current) return;
    this.#current = undefined;
    this.#outbox.disconnected();
    this.#switchPending = undefined;
    this.#clearTimers();
    this.#handleTimer = undefined;
    const verdict = classifyUpstreamClose(code, reason);
    this.log.log('warn', 'upstream closed', {
      code,
      resumable: verdict.resumable,
      hasHandle: !!this.#handle,
    });
    if (!verdict.resumable || !this.#handle) {
      this.events.failed(verdict.code, verdict.message);
      return;
    }
    this.events.reconnecting(reconnectCauseOf(code, reason));
    void this.#resume();
  }

  async #resume(): Promise<void> {
    while (!this.#closed) {
      try {
        await this.#connect();
        if (this.#closed) return;
        this.events.resumed();
        this.#attempts = 0;
        return;
      } catch (error) {
        if (this.#closed) return;
        const code = error instanceof UpstreamConnectError ? error.code : 1006;
        const verdict = classifyUpstreamClose(
          code,
          error instanceof UpstreamConnectError ? error.reason : '',
        );
        this.log.log('warn', 'upstream resume failed', { attempt: this.#attempts + 1, code });
        if (!verdict.resumable || this.#attempts + 1 >= this.#policy.maxResumeAttempts) {
          this.events.failed(verdict.code, verdict.message);
          return;
        }
        const delay = backoffDelay(this.#attempts++, this.#policy.backoff);
        await new Promise<void>((wake) => {
          this.#retryTimer = { timer: setTimeout(wake, delay), wake };
        });
        this.#retryTimer = undefined;
      }
    }
  }
}
