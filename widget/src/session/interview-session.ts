import {
  backoffDelay,
  CloseCode,
  type ControlAction,
  type EndReason,
  type FeedbackReport,
  INPUT_SAMPLE_RATE,
  type InboundFrame,
  type InterviewInfo,
  type InterviewProgress,
  type NoticeEvent,
  OUTPUT_SAMPLE_RATE,
  type ReadyEvent,
  type SequencedEvent,
} from '../../../relay/protocol/index';
import { InterviewAudio } from '../audio/interview-audio';
import { asVoiceInterviewError, InvalidStateError, VoiceInterviewError } from '../errors';
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, shouldRetryClose } from './reconnect-policy';
import { RelayApi } from './relay-api';
import { SessionCredentials } from './session-credentials';
import { Transcript, type TranscriptTurn } from './transcript';
import type { Transport, TransportCloseInfo, TransportKind, TransportPreference } from './transport';
import {
  connectFirstAvailable,
  TRANSPORTS,
  type TransportFactories,
  transportOrder,
} from './transport-selection';
import { UplinkAudioBuffer } from './uplink-audio-buffer';

/** The one state union. `reconnecting` only follows `live`; `ended` and `error` are final. */
export type InterviewState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

/**
 * Candidate audio frame length: 40 ms, 25 worklet messages and sends a second; 20 ms frames cost the main thread
 * 60 % more (widget/bench/main-thread.bench.ts) for 20 ms less latency, which no turn-taking setting notices.
 */
export const FRAME_MS = 40;
/** Candidate audio kept for resending after a reconnect (and while connecting): 10 s. */
export const UPLINK_BUFFER_FRAMES = 10_000 / FRAME_MS;
/** How long to wait for the relay's `report` + `ended` after asking to end. */
export const END_TIMEOUT_MS = 20_000;
/** At most this long for the interviewer's last words to play out after the relay says `ended`. */
export const GOODBYE_PLAYOUT_MAX_MS = 30_000;

export interface InterviewSessionOptions {
  relayUrl: string;
  interview: string;
  variables?: Record<string, string>;
  transport: TransportPreference;
  /** False: answer by typing only (no getUserMedia). */
  microphone: boolean;
  micConstraints?: MediaTrackConstraints;
  workletBaseUrl?: string;
  policy?: ReconnectPolicy;
  /** Overrides {@link TRANSPORTS} (tests, or a build with more transports). */
  transports?: TransportFactories;
}

/** What the session reports; the element's controller turns these into renders and DOM events. */
export interface SessionObserver {
  stateChanged(state: InterviewState, previous: InterviewState): void;
  /** A connection is up (the relay's `ready` arrived) on this transport. */
  transportChanged(kind: TransportKind): void;
  interviewKnown(info: { interview: InterviewInfo; simulated: boolean }): void;
  /** A connection's `ready`: seconds of the time limit left, and the current question on a resume. */
  timeKnown(remainingSec: number, progress: InterviewProgress | undefined): void;
  /** The interviewer moved on to a new question of the plan. */
  progressChanged(progress: InterviewProgress): void;
  transcriptChanged(turn: TranscriptTurn): void;
  noticeReceived(event: NoticeEvent): void;
  /** The relay offers to continue in a new interviewer session (Gemini lost the conversation). */
  continuationOffered(): void;
  speakingChanged(speaking: boolean): void;
  micLevelChanged(level: number): void;
  failed(error: VoiceInterviewError): void;
  ended(reason: EndReason, report: FeedbackReport | null): void;
  /** The relay's report arrived (before `ended`). */
  reportReceived?(report: FeedbackReport): void;
}

/**
 * One interview from Start to its end: creates the relay session, opens the audio, connects a transport,
 * routes frames, reconnects after drops (fresh token each time, resending unacknowledged audio) and releases
 * everything when it ends, fails or is disposed.
 */
export class InterviewSession {
  state: InterviewState = 'idle';
  readonly transcript = new Transcript();
  report: FeedbackReport | null = null;
  muted = false;
  readonly #credentials: SessionCredentials;
  readonly #policy: ReconnectPolicy;
  readonly #lifetime = new AbortController();
  readonly #uplink = new UplinkAudioBuffer(UPLINK_BUFFER_FRAMES);
  #audio: InterviewAudio | undefined;
  #transport: Transport | undefined;
  #lastEventId = 0;
  #serverError: VoiceInterviewError | undefined;
  #attempt = 0;
  #connectedAt = 0;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  /** When the current transport last delivered anything (a frame, an event, a heartbeat). */
  #lastFrameAt = 0;
  /** The interviewer is audible right now (the playback worklet says so). */
  #speaking = false;
  /** The relay said `ended` while the goodbye was still playing: finish with this reason once it has. */
  #pendingEnd: EndReason | undefined;

  readonly #options: InterviewSessionOptions;
  readonly #observer: SessionObserver;

  constructor(options: InterviewSessionOptions, observer: SessionObserver) {
    this.#options = options;
    this.#observer = observer;
    this.#policy = options.policy ?? DEFAULT_RECONNECT_POLICY;
    this.#credentials = new SessionCredentials(
      new RelayApi(options.relayUrl),
      this.#policy.tokenRefreshMarginMs,
      (token) => this.#transport?.updateToken(token),
    );
  }

  /** Call from the user's click: the AudioContext is created synchronously, before the first await. */
  start(): Promise<void> {
    if (this.state !== 'idle') throw new InvalidStateError('start', this.state);
    try {
      this.#audio = new InterviewAudio();
    } catch (error) {
      this.#fail(error);
      return Promise.resolve();
    }
    this.#setState('connecting');
    return this.#open(this.#audio).catch((error: unknown) => this.#fail(error));
  }

  /** Asks the relay to end; the report and `ended` follow. Before `live`, ends at once. */
  end(): void {
    if (this.state === 'live' && this.#transport) {
      this.#audio?.pauseMicrophone();
      this.#audio?.interrupt();
      this.#transport.sendMessage({ type: 'end' });
      this.#later(END_TIMEOUT_MS, () => this.#finish('candidate-ended'));
    } else if (this.state === 'connecting' || this.state === 'reconnecting' || this.state === 'live') {
      this.#finish('candidate-ended');
    } else {
      throw new InvalidStateError('end', this.state);
    }
  }

  mute(): void {
    this.#assertActive('mute');
    this.muted = true;
    this.#audio?.pauseMicrophone();
    this.#observer.micLevelChanged(0);
    if (this.state === 'live') this.#transport?.sendMessage({ type: 'audio-end' });
  }

  unmute(): void {
    this.#assertActive('unmute');
    this.muted = false;
    this.#audio?.resumeMicrophone();
  }

  sendText(text: string): void {
    if (this.state !== 'live') throw new InvalidStateError('send a typed answer', this.state);
    this.#transport?.sendMessage({ type: 'text', text });
  }

  /** A candidate control (repeat, skip, done): the relay turns it into a fixed instruction of its own. */
  sendControl(action: ControlAction): void {
    if (this.state !== 'live') throw new InvalidStateError(action, this.state);
    this.#transport?.sendMessage({ type: 'control', action });
  }

  /** Accepts the relay's `continuation-offer`: a fixed message, no text. */
  continueInterview(): void {
    if (this.state !== 'live') throw new InvalidStateError('continue', this.state);
    this.#transport?.sendMessage({ type: 'continue' });
  }

  get hasMicrophone(): boolean {
    return this.#audio?.hasMicrophone ?? false;
  }

  /** The host went away: release everything silently and tell the relay the session is abandoned. */
  dispose(): void {
    if (this.state === 'ended' || this.state === 'error') return;
    this.#credentials.deleteSession();
    this.#release();
    this.state = 'ended';
  }

  async #open(audio: InterviewAudio): Promise<void> {
    const signal = this.#lifetime.signal;
    const api = new RelayApi(this.#options.relayUrl);
    const [created] = await Promise.all([
      api
        .createSession({ interview: this.#options.interview, variables: this.#options.variables }, signal)
        .then((created) => {
          this.#credentials.set(created);
          return created;
        }),
      audio.open({
        microphone: this.#options.microphone,
        inputRate: INPUT_SAMPLE_RATE,
        outputRate: OUTPUT_SAMPLE_RATE,
        frameMs: FRAME_MS,
        micConstraints: this.#options.micConstraints,
        workletBaseUrl: this.#options.workletBaseUrl,
        onMicFrame: (pcm, level) => this.#handleMicFrame(pcm, level),
        onSpeakingChange: (speaking) => this.#speakingChanged(speaking),
      }),
    ]);
    if (signal.aborted) return;
    this.#observer.interviewKnown({ interview: created.interview, simulated: created.simulated });
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const credentials = this.#credentials.value;
    if (!credentials) throw new InvalidStateError('connect', 'without a session');
    const { transport, first } = await connectFirstAvailable(
      transportOrder(this.#options.transport, this.#options.relayUrl),
      this.#options.transports ?? TRANSPORTS,
      {
        relayUrl: this.#options.relayUrl,
        sessionId: credentials.sessionId,
        token: credentials.token,
        lastEventId: this.#lastEventId,
        signal: this.#lifetime.signal,
      },
      this.#policy,
      (candidate) => ({
        onFrame: (frame) => this.#handleFrame(candidate, frame),
        onClose: (info) => this.#handleClose(candidate, info),
      }),
    );
    if (this.#lifetime.signal.aborted) {
      transport.close();
      return;
    }
    // Message events are separate tasks: nothing can arrive between the first frame and these lines.
    this.#transport = transport;
    this.#handleFrame(transport, first);
  }

  #handleFrame(transport: Transport, frame: InboundFrame): void {
    if (transport !== this.#transport) return;
    this.#lastFrameAt = performance.now();
    if (frame.kind === 'event' && frame.event.type === 'ready') {
      this.#handleReady(transport, frame.event);
      return;
    }
    const id = frame.kind === 'audio' ? frame.id : frame.event.id;
    if (id <= this.#lastEventId) return; // replayed after a resume: already handled
    this.#lastEventId = id;
    if (frame.kind === 'audio') this.#audio?.play(frame.pcm);
    else this.#handleEvent(frame.event);
  }

  #handleReady(transport: Transport, event: ReadyEvent & { id: number }): void {
    this.#lastEventId = Math.max(this.#lastEventId, event.id);
    this.#connectedAt = performance.now();
    for (const frame of this.#uplink.acknowledge(event.lastAudioSeq))
      transport.sendAudio(frame.seq, frame.pcm);
    this.#observer.transportChanged(transport.kind);
    this.#observer.interviewKnown({ interview: event.interview, simulated: event.simulated });
    this.#observer.timeKnown(event.remainingSec, event.progress);
    this.#setState('live');
    this.#watchForSilence(transport);
  }

  /** While `transport` is current, checks that the relay is still heard from (its heartbeat at least). */
  #watchForSilence(transport: Transport): void {
    const every = this.#policy.silenceTimeoutMs / 4;
    const check = (): void => {
      if (transport !== this.#transport || this.state !== 'live') return;
      if (performance.now() - this.#lastFrameAt <= this.#policy.silenceTimeoutMs) {
        this.#later(every, check);
        return;
      }
      // A dead connection that never closed: let it go and resume on a new one.
      this.#transport = undefined;
      transport.close();
      this.#scheduleReconnect();
    };
    this.#later(every, check);
  }

  #handleEvent(event: SequencedEvent): void {
    switch (event.type) {
      case 'transcript':
        this.#observer.transcriptChanged(this.transcript.apply(event));
        break;
      case 'interrupted':
        this.#audio?.interrupt();
        break;
      case 'turn-complete':
        this.#audio?.endOfTurn();
        break;
      case 'notice':
        this.#observer.noticeReceived(event);
        break;
      case 'continuation-offer':
        this.#observer.continuationOffered();
        break;
      case 'progress':
        this.#observer.progressChanged({ question: event.question, of: event.of, topic: event.topic });
        break;
      case 'report':
        this.report = event.report;
        this.#observer.reportReceived?.(event.report);
        break;
      case 'ended':
        this.#finishAfterPlayout(event.reason);
        break;
      case 'error':
        this.#serverError = new VoiceInterviewError(event.code, event.message, event.retryable);
        break;
      case 'ready':
        break;
    }
  }

  #handleMicFrame(pcm: Int16Array<ArrayBuffer>, level: number): void {
    if (this.muted || this.state === 'ended' || this.state === 'error') return;
    this.#observer.micLevelChanged(level);
    const frame = this.#uplink.push(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    if (this.state === 'live') this.#transport?.sendAudio(frame.seq, frame.pcm);
  }

  #speakingChanged(speaking: boolean): void {
    this.#speaking = speaking;
    this.#observer.speakingChanged(speaking);
    if (!speaking && this.#pendingEnd) this.#finish(this.#pendingEnd);
  }

  /**
   * The relay has ended the interview, but the interviewer's goodbye may still be in the playback queue
   * (Gemini streams faster than real time): stop the microphone and finish once it has played out.
   */
  #finishAfterPlayout(reason: EndReason): void {
    if (!this.#speaking) {
      this.#finish(reason);
      return;
    }
    this.#pendingEnd = reason;
    this.#audio?.pauseMicrophone();
    this.#later(GOODBYE_PLAYOUT_MAX_MS, () => this.#finish(reason));
  }

  #handleClose(transport: Transport, info: TransportCloseInfo): void {
    if (transport !== this.#transport) return;
    this.#transport = undefined;
    if (this.state === 'ended' || this.state === 'error' || this.#pendingEnd) return;
    if (info.code === CloseCode.Normal) {
      this.#finish('upstream-closed');
    } else if (!shouldRetryClose(info.code) || (this.#serverError && !this.#serverError.retryable)) {
      this.#fail(
        this.#serverError ?? new VoiceInterviewError('connection-lost', `Connection closed (${info.code})`),
      );
    } else {
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    if (performance.now() - this.#connectedAt > this.#policy.minUptimeMs) this.#attempt = 0;
    if (this.#attempt >= this.#policy.maxAttempts) {
      this.#fail(new VoiceInterviewError('connection-lost', 'The connection to the relay was lost', true));
      return;
    }
    this.#setState('reconnecting');
    this.#later(backoffDelay(this.#attempt++, this.#policy), () => {
      this.#reconnect().catch((error: unknown) => {
        const failure = asVoiceInterviewError(error);
        if (failure.retryable) this.#scheduleReconnect();
        else this.#fail(failure);
      });
    });
  }

  async #reconnect(): Promise<void> {
    this.#serverError = undefined;
    await this.#credentials.refresh();
    await this.#connect();
  }

  #finish(reason: EndReason): void {
    if (this.state === 'ended' || this.state === 'error') return;
    this.#release();
    this.#setState('ended');
    this.#observer.ended(reason, this.report);
  }

  #fail(error: unknown): void {
    if (this.state === 'ended' || this.state === 'error' || this.#lifetime.signal.aborted) return;
    const failure = asVoiceInterviewError(error);
    this.#credentials.deleteSession();
    this.#release();
    this.#setState('error');
    this.#observer.failed(failure);
  }

  #release(): void {
    this.#lifetime.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#credentials.dispose();
    this.#transport?.close();
    this.#transport = undefined;
    this.#audio?.close();
    this.#observer.speakingChanged(false);
  }

  #later(ms: number, callback: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      callback();
    }, ms);
    this.#timers.add(timer);
  }

  #assertActive(action: string): void {
    if (this.state !== 'connecting' && this.state !== 'live' && this.state !== 'reconnecting') {
      throw new InvalidStateError(action, this.state);
    }
  }

  #setState(state: InterviewState): void {
    const previous = this.state;
    if (previous === state) return;
    this.state = state;
    this.#observer.stateChanged(state, previous);
  }
}
