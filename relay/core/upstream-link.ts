import type { ErrorCode } from '../protocol/messages';
import {
  GeminiUpstream,
  UpstreamConnectError,
  type UpstreamHandlers,
  type UpstreamSettings,
} from './gemini-upstream';
import type { Logger } from './logger';
import { classifyUpstreamClose } from './upstream-close';

/** Reconnect policy for the upstream Gemini connection, in one place. */
export const UPSTREAM_POLICY = {
  /** Attempts to resume after an unexpected close, before the session fails. */
  maxResumeAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  /** Candidate audio kept while the upstream is switching (10 s of 16 kHz PCM16); oldest dropped first. */
  maxQueuedAudioBytes: 320_000,
  /** Switch connections this long before a goAway deadline even if the interviewer is mid-turn. */
  goAwaySafetyMs: 2_000,
} as const;

export type LinkEvents = Omit<UpstreamHandlers, 'closed' | 'resumeHandle' | 'goAway'> & {
  /** Upstream is being re-established (notice for the client). */
  reconnecting(): void;
  /** Upstream is back after a switch or a drop. */
  resumed(): void;
  /** Upstream is gone for good. */
  failed(code: ErrorCode, message: string): void;
  /** A new resumption handle: the conversation can be picked up from here. */
  handleChanged(handle: string): void;
};

/**
 * Keeps one Gemini Live session alive across connection limits and drops: follows resumption handles,
 * switches connections on goAway at a turn boundary, retries resumable closes with capped backoff and
 * jitter, and queues candidate audio while switching.
 */
export class UpstreamLink {
  #current: GeminiUpstream | undefined;
  #handle: string | undefined;
  #connecting = false;
  #closed = false;
  #attempts = 0;
  #midTurn = false;
  #switchPending = false;
  #switchTimer: ReturnType<typeof setTimeout> | undefined;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;

  constructor(
    private readonly settings: Omit<UpstreamSettings, 'resumeHandle'>,
    private readonly events: LinkEvents,
    private readonly log: Logger,
    /** A handle saved by an earlier incarnation of this session: the first connection resumes it. */
    initialHandle?: string,
  ) {
    this.#handle = initialHandle;
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
    if (this.#current && !this.#connecting) {
      this.#current.sendAudio(pcm);
      return;
    }
    this.#queue.push(pcm);
    this.#queuedBytes += pcm.byteLength;
    while (this.#queuedBytes > UPSTREAM_POLICY.maxQueuedAudioBytes) {
      this.#queuedBytes -= (this.#queue.shift() as Uint8Array).byteLength;
    }
  }

  sendAudioStreamEnd(): void {
    this.#current?.sendAudioStreamEnd();
  }

  sendText(text: string): void {
    this.#current?.sendText(text);
  }

  acknowledgeEndInterview(callId: string): void {
    this.#current?.acknowledgeEndInterview(callId);
  }

  acknowledgeNextQuestion(callId: string): void {
    this.#current?.acknowledgeNextQuestion(callId);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#switchTimer);
    this.#current?.close();
    this.#current = undefined;
  }

  async #connect(): Promise<void> {
    this.#connecting = true;
    const handlers: UpstreamHandlers = {
      ...this.events,
      audio: (pcm) => {
        this.#midTurn = true;
        this.events.audio(pcm);
      },
      outputTranscript: (text) => {
        this.#midTurn = true;
        this.events.outputTranscript(text);
      },
      interrupted: () => {
        this.#midTurn = false;
        this.events.interrupted();
      },
      turnComplete: () => {
        this.#midTurn = false;
        this.events.turnComplete();
        if (this.#switchPending) this.#switchNow();
      },
      resumeHandle: (handle) => {
        this.#handle = handle;
        this.events.handleChanged(handle);
      },
      goAway: (timeLeftMs) => this.#onGoAway(timeLeftMs),
      closed: (code, reason) => this.#onClosed(upstream, code, reason),
    };
    let upstream: GeminiUpstream | undefined;
    try {
      upstream = await GeminiUpstream.connect({ ...this.settings, resumeHandle: this.#handle }, handlers);
    } finally {
      this.#connecting = false;
    }
    if (this.#closed) {
      upstream.close();
      return;
    }
    this.#current = upstream;
    this.#attempts = 0;
    for (const pcm of this.#queue.splice(0)) upstream.sendAudio(pcm);
    this.#queuedBytes = 0;
  }

  #onGoAway(timeLeftMs: number): void {
    this.log.log('info', 'upstream goAway', { timeLeftMs });
    if (!this.#handle) return;
    this.#switchPending = true;
    if (!this.#midTurn) {
      this.#switchNow();
      return;
    }
    this.#switchTimer = setTimeout(
      () => this.#switchNow(),
      Math.max(0, timeLeftMs - UPSTREAM_POLICY.goAwaySafetyMs),
    );
  }

  /** Closes the old connection first (Gemini answers 1011 to a resume while it is open), then resumes. */
  #switchNow(): void {
    if (!this.#switchPending || this.#closed) return;
    this.#switchPending = false;
    clearTimeout(this.#switchTimer);
    const old = this.#current;
    this.#current = undefined;
    old?.close();
    this.events.reconnecting();
    void this.#resume();
  }

  #onClosed(upstream: GeminiUpstream | undefined, code: number, reason: string): void {
    if (this.#closed || upstream !== this.#current) return;
    this.#current = undefined;
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
    this.events.reconnecting();
    void this.#resume();
  }

  async #resume(): Promise<void> {
    while (!this.#closed) {
      try {
        await this.#connect();
        this.events.resumed();
        return;
      } catch (error) {
        this.#attempts += 1;
        const code = error instanceof UpstreamConnectError ? error.code : 1006;
        const verdict = classifyUpstreamClose(
          code,
          error instanceof UpstreamConnectError ? error.reason : '',
        );
        this.log.log('warn', 'upstream resume failed', { attempt: this.#attempts, code });
        if (!verdict.resumable || this.#attempts >= UPSTREAM_POLICY.maxResumeAttempts) {
          this.events.failed(verdict.code, verdict.message);
          return;
        }
        const ceiling = Math.min(
          UPSTREAM_POLICY.maxDelayMs,
          UPSTREAM_POLICY.baseDelayMs * 2 ** this.#attempts,
        );
        await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
      }
    }
  }
}
