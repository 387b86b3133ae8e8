import type {
  ControlAction,
  EndReason,
  FeedbackReport,
  InterviewInfo,
  InterviewProgress,
  NoticeCode,
  NoticeEvent,
} from '../../relay/protocol/index';
import { SPEECH_LEVEL } from './audio/mic-check';
import type { ReactiveController, ReactiveControllerHost } from './element-base';
import { InvalidStateError, type VoiceInterviewError } from './errors';
import { voiceInterviewEvent } from './events';
import {
  InterviewSession,
  type InterviewSessionOptions,
  type InterviewState,
  type SessionObserver,
} from './session/interview-session';
import type { TranscriptTurn } from './session/transcript';
import type { TransportKind } from './session/transport';
import { meterFill } from './views/start-views';

type Host = ReactiveControllerHost & HTMLElement;

/** Quiet this long after speaking, while the interviewer says nothing: "still listening — take your time". */
export const PAUSE_CUE_MS = 1_200;

/**
 * Bridges one InterviewSession at a time to the element: keeps what the view shows, dispatches the public
 * events, runs the elapsed-time clock, and disposes the session when the element leaves the page.
 */
export class InterviewController implements ReactiveController, SessionObserver {
  state: InterviewState = 'idle';
  interview: InterviewInfo | null = null;
  simulated = false;
  turns: TranscriptTurn[] = [];
  speaking = false;
  micLevel = 0;
  muted = false;
  ending = false;
  error: VoiceInterviewError | null = null;
  report: FeedbackReport | null = null;
  elapsedSeconds = 0;
  /** The current interview reached `live` at least once (the timer means something). */
  wentLive = false;
  /** Transport of the current (or, while reconnecting, the last) connection; null when none. */
  connectedVia: TransportKind | null = null;
  /** The current question of the plan, as the relay announced it; null before the first. */
  progress: InterviewProgress | null = null;
  /** Seconds of the time limit left; null until the relay said. */
  remainingSeconds: number | null = null;
  /** The latest notice from the relay, shown until the next one or the end. */
  notice: NoticeCode | null = null;
  /** The relay offers to continue in a new interviewer session: show Continue until accepted or resumed. */
  offer = false;
  /** The candidate spoke, then paused, and the interviewer has not taken the turn: show the cue. */
  pausing = false;
  #deadline = 0;
  #lastVoiceAt = 0;
  #answering = false;
  #session: InterviewSession | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;
  #liveSince = 0;
  #levelFrame = 0;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  get isActive(): boolean {
    return this.state === 'connecting' || this.state === 'live' || this.state === 'reconnecting';
  }

  get hasMicrophone(): boolean {
    return this.#session?.hasMicrophone ?? false;
  }

  start(options: InterviewSessionOptions): Promise<void> {
    if (this.isActive) throw new InvalidStateError('start', this.state);
    this.#reset();
    this.#session = new InterviewSession(options, this);
    return this.#session.start();
  }

  end(): void {
    if (!this.#session || !this.isActive) throw new InvalidStateError('end', this.state);
    this.ending = this.state === 'live';
    this.#session.end();
    this.host.requestUpdate();
  }

  setMuted(muted: boolean): void {
    if (!this.#session) throw new InvalidStateError(muted ? 'mute' : 'unmute', this.state);
    if (muted) this.#session.mute();
    else this.#session.unmute();
    this.muted = muted;
    this.host.requestUpdate();
  }

  sendControl(action: ControlAction): void {
    if (!this.#session) throw new InvalidStateError(action, this.state);
    this.#session.sendControl(action);
    this.#answering = false;
    this.#setPausing(false);
  }

  continueInterview(): void {
    if (!this.#session) throw new InvalidStateError('continue', this.state);
    this.#session.continueInterview();
    this.offer = false;
    this.host.requestUpdate();
  }

  continuationOffered(): void {
    this.offer = true;
    this.host.requestUpdate();
  }

  sendText(text: string): void {
    if (!this.#session) throw new InvalidStateError('send a typed answer', this.state);
    this.#session.sendText(text);
  }

  /** Removed or moved while active: the interview is abandoned, announced like any other end. */
  hostDisconnected(): void {
    const previous = this.state;
    const wasActive = this.isActive;
    this.#session?.dispose();
    this.#session = undefined;
    this.#stopClock();
    this.#setConnectedVia(null);
    if (!wasActive) return;
    this.state = 'ended';
    this.host.setAttribute('state', 'ended');
    this.host.dispatchEvent(voiceInterviewEvent('vi-state', { state: 'ended', previous }));
    this.host.dispatchEvent(voiceInterviewEvent('vi-end', { reason: 'abandoned', report: null }));
  }

  stateChanged(state: InterviewState, previous: InterviewState): void {
    this.state = state;
    if (state === 'live' && previous === 'connecting') {
      this.wentLive = true;
      this.#startClock();
    }
    if (state === 'ended' || state === 'error') {
      this.pausing = false;
      this.#stopClock();
      this.#setConnectedVia(null);
    }
    // Reflect before announcing, so listeners reading the attribute see the new state.
    this.host.setAttribute('state', state);
    this.host.requestUpdate();
    this.host.dispatchEvent(voiceInterviewEvent('vi-state', { state, previous }));
  }

  transportChanged(kind: TransportKind): void {
    this.#setConnectedVia(kind);
  }

  interviewKnown(info: { interview: InterviewInfo; simulated: boolean }): void {
    this.interview = info.interview;
    this.simulated = info.simulated;
    this.host.requestUpdate();
  }

  transcriptChanged(turn: TranscriptTurn): void {
    const index = this.turns.findIndex((existing) => existing.turnId === turn.turnId);
    this.turns = index < 0 ? [...this.turns, turn] : this.turns.with(index, turn);
    this.host.requestUpdate();
    this.host.dispatchEvent(voiceInterviewEvent('vi-transcript', { ...turn }));
  }

  timeKnown(remainingSec: number, progress: InterviewProgress | undefined): void {
    this.#deadline = performance.now() + remainingSec * 1000;
    this.remainingSeconds = remainingSec;
    if (progress) this.progress = progress;
    this.host.requestUpdate();
  }

  progressChanged(progress: InterviewProgress): void {
    this.progress = progress;
    this.host.requestUpdate();
  }

  /** Every notice is shown (in the page's language) and fired as `vi-notice` with the relay's text. */
  noticeReceived(event: NoticeEvent): void {
    this.notice = event.code;
    if (event.code === 'upstream-resumed') this.offer = false;
    this.host.requestUpdate();
    this.host.dispatchEvent(voiceInterviewEvent('vi-notice', { code: event.code, message: event.message }));
  }

  speakingChanged(speaking: boolean): void {
    this.speaking = speaking;
    if (speaking) {
      this.#answering = false;
      this.#setPausing(false);
    }
    this.host.requestUpdate();
  }

  /**
   * Mic frames come 25 times a second; render the meter only when what it shows changes (in 5 % steps), at
   * most once per animation frame: a steady level (silence, a muted track) costs no renders at all.
   */
  micLevelChanged(level: number): void {
    const step = Math.round(meterFill(level) * 20);
    const changed = step !== Math.round(meterFill(this.micLevel) * 20);
    this.micLevel = level;
    const now = performance.now();
    if (level >= SPEECH_LEVEL && !this.speaking) {
      this.#answering = true;
      this.#lastVoiceAt = now;
      this.#setPausing(false);
    } else if (this.#answering && now - this.#lastVoiceAt > PAUSE_CUE_MS) {
      this.#setPausing(true);
    }
    if (!changed || this.#levelFrame) return;
    this.#levelFrame = requestAnimationFrame(() => {
      this.#levelFrame = 0;
      this.host.requestUpdate();
    });
  }

  failed(error: VoiceInterviewError): void {
    this.error = error;
    this.host.requestUpdate();
    const { code, message, retryable } = error;
    this.host.dispatchEvent(voiceInterviewEvent('vi-error', { code, message, retryable }));
  }

  reportReceived(report: FeedbackReport): void {
    this.report = report;
    this.host.requestUpdate();
    this.host.dispatchEvent(voiceInterviewEvent('vi-report', { report }));
  }

  ended(reason: EndReason, report: FeedbackReport | null): void {
    this.report = report;
    this.ending = false;
    this.host.requestUpdate();
    this.host.dispatchEvent(voiceInterviewEvent('vi-end', { reason, report }));
  }

  #reset(): void {
    this.turns = [];
    this.error = null;
    this.report = null;
    this.muted = false;
    this.ending = false;
    this.elapsedSeconds = 0;
    this.wentLive = false;
    this.progress = null;
    this.remainingSeconds = null;
    this.notice = null;
    this.offer = false;
    this.#answering = false;
    this.pausing = false;
    this.#setConnectedVia(null);
  }

  #setPausing(pausing: boolean): void {
    if (this.pausing === pausing) return;
    this.pausing = pausing;
    this.host.requestUpdate();
  }

  /** Reflected as the `connected-via` attribute (set before `vi-state` announces `live`). */
  #setConnectedVia(kind: TransportKind | null): void {
    this.connectedVia = kind;
    if (kind) this.host.setAttribute('connected-via', kind);
    else this.host.removeAttribute('connected-via');
  }

  #startClock(): void {
    this.#stopClock();
    this.#liveSince = performance.now();
    this.#clock = setInterval(() => {
      const now = performance.now();
      this.elapsedSeconds = Math.floor((now - this.#liveSince) / 1000);
      if (this.remainingSeconds !== null) this.remainingSeconds = Math.max(0, (this.#deadline - now) / 1000);
      this.host.requestUpdate();
    }, 1_000);
  }

  #stopClock(): void {
    if (this.#clock !== undefined) clearInterval(this.#clock);
    this.#clock = undefined;
    if (this.#levelFrame) cancelAnimationFrame(this.#levelFrame);
    this.#levelFrame = 0;
  }
}
