import { CloseCode } from '../protocol/close-codes';
import type { OutboundFrame } from '../protocol/codec';
import type { ClientMessage, EndReason, ErrorCode, NoticeCode, ServerEvent } from '../protocol/messages';
import { ProtocolError } from '../protocol/protocol-error';
import type { InterviewReport } from '../protocol/report';
import { type AudioAccepted, CandidateAudioIntake } from './candidate-audio-intake';
import { applyControl, WRAP_UP_INSTRUCTION } from './candidate-controls';
import type { ClientSink } from './client-sink';
import type { RelayConfig } from './config';
import { CONTINUE_PROMPT, continuationInstructions } from './continuation';
import { DeliveryRecorder } from './delivery-recorder';
import { type NextQuestionCall, UpstreamConnectError } from './gemini-upstream';
import { InterviewFlow } from './interview-flow';
import { type InterviewTemplate, renderInstructions } from './interview-templates';
import type { Logger } from './logger';
import { readyEvent } from './ready-event';
import type { RelayMetrics } from './relay-metrics';
import { ReplayLog } from './replay-log';
import type { SessionCheckpoint } from './session-checkpoint';
import { reportAtEnd } from './session-report';
import { SessionTimers } from './session-timers';
import { TimeLimit } from './time-limit';
import { TranscriptMerger } from './transcript-merger';
import { classifyUpstreamClose } from './upstream-close';
import { UpstreamLink } from './upstream-link';

export const KICKOFF_PROMPT = 'The candidate has joined the call. Greet them and ask your first question.';
/** Warn the candidate this long before the interview's time limit. */
export const TIME_WARNING_MS = 60_000;

export type SessionState = 'starting' | 'live' | 'ending' | 'ended';

export interface SessionHooks {
  /** The session ended (its host may forget it after a while). */
  onEnded?(session: InterviewSession): void;
  /** A point the session can be restored from; called after every turn and at the end. */
  onCheckpoint?(checkpoint: SessionCheckpoint): void;
  /** Come back from a checkpoint instead of starting a new interview. */
  restored?: SessionCheckpoint;
  /** Where the session counts what happens to it (/metrics on Node, log lines on Workers). */
  metrics?: RelayMetrics;
}

/** What a failed upstream connect means for the candidate: the close's typed error, or unreachable. */
function connectFailure(error: unknown): { code: ErrorCode; message: string } {
  return error instanceof UpstreamConnectError
    ? classifyUpstreamClose(error.code, error.reason)
    : { code: 'upstream-unavailable', message: 'The interviewer service is unreachable.' };
}

/**
 * One interview: owns the upstream Gemini session, the transcript, the replay log and the attached client.
 * Transport-agnostic: clients attach as {@link ClientSink}s and feed audio and control messages in.
 */
export class InterviewSession {
  state: SessionState = 'starting';
  readonly #log: ReplayLog;
  readonly #transcript: TranscriptMerger;
  #link: UpstreamLink;
  /** The template's system instruction, rendered once: a continued session builds on it. */
  readonly #instructions: string;
  /** Set while a `continuation-offer` waits for the client's `continue`; ends the session when it fires. */
  #offerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Delivery figures for the report, measured on the audio and transcript passing through. */
  readonly delivery: DeliveryRecorder;
  #client: ClientSink | undefined;
  /** The candidate's numbered audio frames, from every transport. */
  readonly #audio: CandidateAudioIntake;
  #resumeHandle: string | undefined;
  #startedAtMs = 0;
  /** End with this reason when the interviewer's current turn completes (end_interview, wrap-up). */
  #endAfterTurn: EndReason | undefined;
  readonly #flow: InterviewFlow;
  readonly #timeLimit: TimeLimit;
  readonly #timers = new SessionTimers({
    warning: () => this.#notice('time-warning', 'One minute left in this interview.'),
    limit: () => {
      this.#notice('time-up', 'Time is up: the interviewer is closing the interview.');
      this.#timeLimit.reach();
    },
    abandoned: () => void this.end('abandoned'),
  });
  #started: Promise<void> | undefined;
  /** The report and its event id, checkpointed so a restored ended session can still hand it out. */
  #report: { report: InterviewReport; eventId: number } | undefined;
  #endReason: EndReason | undefined;
  readonly #endedWaiters: (() => void)[] = [];
  readonly #createdAtMs = Date.now();
  #lastTransport: string | undefined;

  constructor(
    readonly id: string,
    readonly template: InterviewTemplate,
    variables: Record<string, string>,
    private readonly config: RelayConfig,
    private readonly logger: Logger,
    private readonly hooks: SessionHooks = {},
  ) {
    const restored = hooks.restored;
    const endedWithReport = restored?.ended && restored.report && restored.reportEventId;
    this.#log = new ReplayLog(
      endedWithReport ? (restored.reportEventId ?? 1) - 1 : (restored?.lastEventId ?? 0),
    );
    this.delivery = new DeliveryRecorder(restored?.delivery);
    this.#flow = new InterviewFlow(template.plan, restored?.progress);
    this.#timeLimit = new TimeLimit(config.wrapUpGraceMs, {
      midTurn: () => this.#link.midTurn,
      wrapUp: () => {
        this.#endAfterTurn = 'time-limit';
        this.#link.sendText(WRAP_UP_INSTRUCTION);
      },
      hardStop: () => void this.end('time-limit'),
    });
    this.#transcript = new TranscriptMerger(
      (event) => {
        if (event.final) this.delivery.transcriptFinal(event.role, event.text);
        this.#emit(event);
      },
      restored?.history ?? [],
      restored?.lastEventId ?? 0,
    );
    this.#audio = new CandidateAudioIntake(restored?.lastAudioSeq ?? 0, {
      flowing: () => this.state === 'live' || this.state === 'starting',
      forward: (pcm) => {
        this.hooks.metrics?.audio('in', pcm.byteLength);
        this.delivery.candidateAudio(pcm);
        this.#link.sendAudio(pcm);
      },
      gap: (first, last) =>
        this.#notice('audio-gap', `Candidate audio frames ${first}-${last} never arrived.`),
      overBudget: (refusedBytes) => this.logger.log('warn', 'audio over budget', { refusedBytes }),
    });
    this.#resumeHandle = restored?.resumeHandle;
    const metrics = hooks.metrics;
    if (!endedWithReport) metrics?.sessionStarted();
    this.#instructions = renderInstructions(template, variables);
    this.#link = this.#makeLink(this.#instructions, restored?.resumeHandle);
    if (endedWithReport) this.#restoreEnded(restored);
    // Checkpoint at creation: a Durable Object that loses its memory before the first turn restores too.
    else if (!restored) this.#checkpoint(false, true);
  }

  /** An upstream link for this session: resuming `handle` when given, else a new Gemini session. */
  #makeLink(systemInstruction: string, handle: string | undefined): UpstreamLink {
    const metrics = this.hooks.metrics;
    return new UpstreamLink(
      {
        apiKey: this.config.geminiApiKey,
        baseUrl: this.config.geminiBaseUrl,
        model: this.config.geminiModel,
        systemInstruction,
        voice: this.template.voice,
        language: this.template.language,
        turnTaking: this.template.turnTaking,
        uplinkBatchMs: this.config.uplinkBatchMs,
      },
      {
        audio: (pcm) => {
          const at = performance.now();
          this.delivery.interviewerAudio(pcm.byteLength);
          this.#broadcast(this.#log.appendAudio(pcm));
          metrics?.audio('out', pcm.byteLength);
          metrics?.upstreamToClient(performance.now() - at);
        },
        inputTranscript: (text) => this.#transcript.candidateFragment(text),
        outputTranscript: (text) => this.#transcript.interviewerFragment(text),
        interrupted: () => {
          this.#audio.markTurnBoundary();
          this.#log.turnEnded();
          this.delivery.interviewerTurnEnded(true);
          this.#transcript.finishAll();
          this.#emit({ type: 'interrupted' });
          this.#turnEnded();
        },
        turnComplete: () => {
          this.#audio.markTurnBoundary();
          this.#log.turnEnded();
          this.#transcript.finishAll();
          this.delivery.interviewerTurnEnded(false);
          this.#emit({ type: 'turn-complete' });
          this.#turnEnded();
        },
        endInterviewCalled: (callId) => {
          this.#link.acknowledgeEndInterview(callId);
          const reason = this.#timeLimit.reached ? 'time-limit' : 'completed';
          // The goodbye may still be streaming: let the turn finish so the candidate hears all of it.
          if (this.#link.midTurn) this.#endAfterTurn = reason;
          else void this.end(reason);
        },
        nextQuestionCalled: (call) => this.#nextQuestion(call),
        reconnecting: (cause) => {
          metrics?.upstreamReconnect(cause);
          this.#notice('upstream-reconnecting', 'Reconnecting to the interviewer…');
        },
        resumed: () => {
          metrics?.upstreamResumed();
          this.#notice('upstream-resumed', 'Interviewer connection restored.');
        },
        audioSent: (waitedMs) => metrics?.uplinkToUpstream(waitedMs),
        audioDropped: (bytes) => metrics?.audioDropped('upstream', bytes),
        resendDropped: (bytes) => metrics?.audioDropped('resend', bytes),
        failed: (code, message) => this.#upstreamFailed(code, message),
        handleChanged: (handle) => {
          this.#resumeHandle = handle;
          this.#checkpoint(false);
        },
      },
      this.logger,
      handle,
      {
        rolloverAfterMs: this.config.upstreamRolloverMs,
        connectTimeoutMs: this.config.upstreamConnectTimeoutMs,
      },
    );
  }

  #turnEnded(): void {
    if (this.#endAfterTurn) void this.end(this.#endAfterTurn);
    else this.#timeLimit.turnEnded();
  }

  /** The interviewer announced a question: a `progress` event, the report's question number, a checkpoint. */
  #nextQuestion(call: NextQuestionCall): void {
    this.#link.acknowledgeNextQuestion(call.id);
    const progress = this.#flow.nextQuestion(call);
    if (!progress) return;
    this.delivery.questionNumber(progress.question);
    this.#emit({ type: 'progress', ...progress });
    this.#checkpoint(false);
  }

  /**
   * An interview that ended before its Durable Object was restarted: it holds nothing but its report, which a
   * returning client gets again under the same event ids (report, then ended).
   */
  #restoreEnded(saved: SessionCheckpoint): void {
    if (!saved.report) return;
    this.state = 'ended';
    this.#endReason = saved.endReason ?? 'completed';
    this.#report = { report: saved.report, eventId: this.#log.lastId + 1 };
    this.#log.appendEvent({ type: 'report', report: saved.report });
    this.#log.appendEvent({ type: 'ended', reason: this.#endReason });
    queueMicrotask(() => this.hooks.onEnded?.(this));
  }

  /** Opens the upstream session (once) and asks the interviewer to begin. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    const ending = this.hooks.restored?.endingReason;
    if (ending && !this.hooks.restored?.ended) {
      // Restored while its report was being written: finish that from the saved transcript.
      this.#startedAtMs = this.hooks.restored?.startedAtMs || Date.now();
      this.state = 'live';
      await this.end(ending);
      return;
    }
    try {
      await this.#link.open();
    } catch (error) {
      const verdict = connectFailure(error);
      this.logger.log('error', 'upstream connect failed', { code: verdict.code, detail: error });
      this.#upstreamFailed(verdict.code, verdict.message);
      return;
    }
    this.#goLive(false);
  }

  /** The first upstream is up: the interview is live and its time limit runs. */
  #goLive(continued: boolean): void {
    if (this.state !== 'starting') return;
    this.state = 'live';
    this.hooks.metrics?.createToReady(Date.now() - this.#createdAtMs);
    if (continued) this.#continued();
    else if (this.hooks.restored?.resumeHandle)
      this.#notice('upstream-resumed', 'Interview restored after a relay restart.');
    else this.#link.sendText(KICKOFF_PROMPT);
    this.#startedAtMs = this.hooks.restored?.startedAtMs || Date.now();
    const elapsedMs = Date.now() - this.#startedAtMs;
    this.#timers.startLimit(this.template.durationLimitSec * 1000 - elapsedMs, TIME_WARNING_MS);
    this.logger.log('info', 'session live', {
      interview: this.template.id,
      simulated: this.config.simulated,
    });
  }

  /**
   * Gemini is gone for good. When it lost the conversation (expired or unknown handle) and there is a
   * transcript, the client is offered to continue in a new interviewer session instead of losing it; the
   * session ends with the error only if no `continue` comes within the offer's wait.
   */
  #upstreamFailed(code: ErrorCode, message: string): void {
    const offer =
      code === 'upstream-handle-expired' &&
      this.#transcript.history.length > 0 &&
      (this.state === 'starting' || this.state === 'live');
    if (!offer) {
      void this.fail(code, message);
      return;
    }
    this.#link.close();
    clearTimeout(this.#offerTimer);
    this.#offerTimer = setTimeout(() => {
      this.#offerTimer = undefined;
      void this.fail(code, message);
    }, this.config.continuationOfferMs);
    this.logger.log('warn', 'continuation offered', { waitMs: this.config.continuationOfferMs });
    this.#emit({ type: 'continuation-offer', waitSec: Math.ceil(this.config.continuationOfferMs / 1000) });
  }

  /** The client accepted the offer: a new Gemini session, given the transcript so far, takes over. */
  async #continueAsNew(): Promise<void> {
    if (!this.#offerTimer) return;
    clearTimeout(this.#offerTimer);
    this.#offerTimer = undefined;
    this.#transcript.finishAll();
    this.hooks.metrics?.upstreamReconnect('continuation');
    this.#link = this.#makeLink(
      continuationInstructions(this.#instructions, this.#transcript.history, this.#flow.progress),
      undefined,
    );
    try {
      await this.#link.open();
    } catch (error) {
      const verdict = connectFailure(error);
      this.logger.log('error', 'continuation connect failed', { code: verdict.code, detail: error });
      await this.fail(verdict.code, verdict.message);
      return;
    }
    if (this.state === 'starting') this.#goLive(true);
    else if (this.state === 'live') this.#continued();
  }

  #continued(): void {
    this.#notice('upstream-resumed', 'The interview continues with a new interviewer session.');
    this.#link.sendText(CONTINUE_PROMPT);
  }

  /**
   * Checks that a client resuming from `lastEventId` is resuming *this* session's history. A client ahead of
   * the sequence was talking to an incarnation this process never had (a restarted or re-routed relay):
   * it is told `session-not-found` rather than silently handed a new interview whose ids it would ignore.
   * A session restored from a checkpoint instead continues its ids past the client's cursor.
   */
  checkCursor(lastEventId: number): void {
    if (lastEventId <= this.#log.lastId) return;
    if (this.hooks.restored) {
      this.#log.advanceTo(lastEventId);
      return;
    }
    throw new ProtocolError(
      'session-not-found',
      'This interview is no longer available here. Please start a new one.',
    );
  }

  /** A new session waits at most the grace period for its first client, as a dropped one waits for its return. */
  awaitClient(): void {
    if (this.#client || this.state === 'ending' || this.state === 'ended') return;
    this.#timers.awaitClient(this.config.reconnectGraceMs);
  }

  /** Attaches a client; the newest connection wins. Sends `ready`, then everything after `lastEventId`. */
  attach(client: ClientSink, lastEventId: number): void {
    this.checkCursor(lastEventId);
    this.#timers.clientArrived(this.config.heartbeatMs, () =>
      this.#client?.send({ id: 0, event: { type: 'heartbeat' } }),
    );
    const previous = this.#client;
    this.#client = client;
    this.hooks.metrics?.clientAttached(client.transport, this.#lastTransport);
    this.#lastTransport = client.transport;
    if (previous && previous !== client) previous.close(CloseCode.Replaced, 'replaced by a newer connection');
    client.send({
      id: 0,
      event: readyEvent({
        sessionId: this.id,
        template: this.template,
        simulated: this.config.simulated,
        resumed: lastEventId > 0,
        lastAudioSeq: this.#audio.lastSeq,
        progress: this.#flow.progress,
        startedAtMs: this.#startedAtMs,
      }),
    });
    for (const frame of this.#log.since(lastEventId)) client.send(frame);
    this.logger.log('info', 'client attached', { transport: client.transport, lastEventId });
    if (this.state === 'ended') client.close(CloseCode.Normal, 'interview ended');
    else void this.start();
  }

  /** Interviewer audio a slow downlink dropped (the replay log still holds it for a resume). */
  audioDropped(bytes: number): void {
    this.hooks.metrics?.audioDropped('client', bytes);
  }

  /** The client went away: keep the upstream for the grace period so it can come back. */
  detach(client: ClientSink): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#timers.clientLeft();
    if (this.state === 'ending' || this.state === 'ended') return;
    this.logger.log('info', 'client detached', { graceMs: this.config.reconnectGraceMs });
    this.awaitClient();
  }

  isAttached(client: ClientSink): boolean {
    return this.#client === client;
  }

  get lastAudioSeq(): number {
    return this.#audio.lastSeq;
  }

  /** One frame of candidate audio with its sequence number (see {@link CandidateAudioIntake}). */
  acceptAudio(seq: number, pcm: Uint8Array): AudioAccepted {
    return this.#audio.accept(seq, pcm);
  }

  /** A POST /audio batch: all of its new frames or none. */
  acceptAudioBatch(frames: readonly { seq: number; pcm: Uint8Array }[]): AudioAccepted[] {
    return this.#audio.acceptBatch(frames);
  }

  acceptMessage(message: ClientMessage): void {
    switch (message.type) {
      case 'text':
        this.delivery.typedAnswer(message.text);
        this.#transcript.completeTurn('candidate', message.text);
        this.#link.sendText(message.text);
        return;
      case 'audio-end':
        this.#link.sendAudioStreamEnd();
        return;
      case 'end':
        void this.end('candidate-ended');
        return;
      case 'ping':
        return;
      case 'continue':
        void this.#continueAsNew();
        return;
      case 'control':
        if (this.state !== 'live') return;
        applyControl(message.action, {
          instruct: (text) => this.#link.sendText(text),
          endAudioTurn: () => this.#link.sendAudioStreamEnd(),
          recordSkip: () => this.delivery.skipQuestion(),
          recordRepeat: () => {
            if (this.#flow.progress) this.delivery.questionNumber(this.#flow.progress.question);
          },
        });
        return;
    }
  }

  /** Ends the interview: final transcript, feedback report when there was an interview, `ended`. */
  async end(reason: EndReason): Promise<void> {
    if (this.state === 'ending' || this.state === 'ended') return this.#waitEnded();
    const hadInterview = this.state === 'live';
    this.state = 'ending';
    this.#timers.clear();
    this.#timeLimit.clear();
    this.#link.close();
    this.#transcript.finishAll();
    if (hadInterview && reason !== 'abandoned' && this.#transcript.history.length > 0) {
      this.#checkpoint(false, true, reason);
      const report = await reportAtEnd(
        [this.config, this.logger, this.template, this.delivery, this.#transcript.history, reason],
        this.logger,
        (message) => this.#notice('report-unavailable', message),
      );
      if (report) {
        this.#report = { report, eventId: this.#log.lastId + 1 };
        this.#emit({ type: 'report', report });
      }
    }
    this.#finish(reason);
  }

  /**
   * The process is going away (SIGTERM drain): save where the interview stands, let go of the upstream and
   * tell the client to reconnect. A relay sharing the checkpoint store picks the session up from there.
   */
  suspend(): void {
    if (this.state === 'ending' || this.state === 'ended') return;
    this.#timers.clear();
    this.#timeLimit.clear();
    clearTimeout(this.#offerTimer);
    this.#checkpoint(false);
    this.#link.close();
    this.#notice('relay-restarting', 'The relay is restarting; reconnecting to the interview…');
    this.state = 'ended';
    this.hooks.metrics?.sessionEnded('suspended');
    this.#client?.close(CloseCode.Restarting, 'relay restarting');
    for (const resolve of this.#endedWaiters.splice(0)) resolve();
  }

  /** Ends the interview because of an error the client must hear about. */
  async fail(code: ErrorCode, message: string): Promise<void> {
    if (this.state === 'ended') return;
    this.hooks.metrics?.error(code);
    this.#emit({ type: 'error', code, message, retryable: code === 'upstream-unavailable' });
    this.state = 'ending';
    this.#timers.clear();
    this.#link.close();
    this.#transcript.finishAll();
    this.#finish('error');
  }

  #finish(reason: EndReason): void {
    this.#endReason = reason;
    clearTimeout(this.#offerTimer);
    this.#offerTimer = undefined;
    this.#timers.clear();
    this.#timeLimit.clear();
    this.#emit({ type: 'ended', reason });
    this.state = 'ended';
    this.#client?.close(CloseCode.Normal, 'interview ended');
    this.logger.log('info', 'session ended', { reason });
    this.hooks.metrics?.sessionEnded(reason);
    for (const resolve of this.#endedWaiters.splice(0)) resolve();
    this.#checkpoint(true);
    this.hooks.onEnded?.(this);
  }

  /** `always`: save even without a resumption handle (at creation, and when the report starts). */
  #checkpoint(ended: boolean, always = false, endingReason?: EndReason): void {
    if (!this.hooks.onCheckpoint || (!ended && !always && !this.#resumeHandle)) return;
    this.hooks.onCheckpoint({
      resumeHandle: this.#resumeHandle ?? '',
      lastEventId: this.#log.lastId,
      lastAudioSeq: ended ? this.#audio.lastSeq : this.#audio.boundarySeq,
      history: [...this.#transcript.history],
      startedAtMs: this.#startedAtMs,
      ended,
      delivery: this.delivery.snapshot(),
      ...(this.#endReason ? { endReason: this.#endReason } : {}),
      ...(endingReason ? { endingReason } : {}),
      ...(this.#flow.progress ? { progress: this.#flow.progress } : {}),
      ...(this.#report ? { report: this.#report.report, reportEventId: this.#report.eventId } : {}),
    });
  }

  #waitEnded(): Promise<void> {
    if (this.state === 'ended') return Promise.resolve();
    return new Promise((resolve) => this.#endedWaiters.push(resolve));
  }

  #notice(code: NoticeCode, message: string): void {
    this.#emit({ type: 'notice', code, message });
  }

  #emit(event: ServerEvent): void {
    this.#broadcast(this.#log.appendEvent(event));
  }

  #broadcast(frame: OutboundFrame): void {
    this.#client?.send(frame);
  }
}
