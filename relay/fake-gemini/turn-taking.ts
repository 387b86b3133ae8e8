/**
 * Decides when the fake speaks, once setup is done: answers end on the energy VAD (PCM timeline, the
 * setup's silenceDurationMs), audioStreamEnd, activityEnd, realtimeInput.text or clientContent; candidate
 * speech (or activityStart) while the model is speaking interrupts it; a turn that starts a planned
 * question opens with a next_question call; after the closing turn an end_interview call is made.
 * Text tagged `[control: repeat|skip|wrap-up]` (the relay's fixed requests) is obeyed, not answered.
 */

import { base64ToBytes } from '../protocol/base64';
import type { Conversation } from './conversation';
import { EnergyVad, type VadEvent } from './energy-vad';
import type { InterviewerLine } from './interviewer';
import { ModelTurn } from './model-turn';
import { DEFAULT_END_OF_SPEECH_SILENCE_MS, type ResolvedOptions } from './options';
import { durationMs, OUTPUT_RATE, sampleRateOf } from './pcm';
import { isObject, type SessionFeatures } from './setup-validation';
import type { SpokenTurn } from './types';

export interface TurnTakingContext {
  conversation: Conversation;
  features: SessionFeatures;
  modality: 'AUDIO' | 'TEXT';
  options: ResolvedOptions;
  send(message: object): void;
  issueHandle(): string;
  log(entry: Record<string, unknown>): void;
}

type ControlRequest = 'repeat' | 'skip' | 'wrap-up';
type Answer =
  | { kind: 'kickoff' }
  | { kind: 'typed'; text: string }
  | { kind: 'spoken'; speechMs: number }
  | { kind: 'control'; action: ControlRequest };

const CONTROL_TAG = /^\s*\[control: (repeat|skip|wrap-up)\]/;

export class TurnTaking {
  private readonly vad: EnergyVad;
  private turn: ModelTurn | undefined;
  private reply:
    | { timer: ReturnType<typeof setTimeout>; entry: SpokenTurn | undefined; speechMs: number }
    | undefined;
  /** Speech the VAD heard since the last answer that has not yet ended an answer. */
  private unansweredSpeech = false;
  private carriedSpeechMs = 0;
  private activityStartMs: number | undefined;
  private audioMs = 0;
  private handleIssue: ReturnType<typeof setImmediate> | undefined;
  private readonly afterHandle: (() => void)[] = [];

  constructor(private readonly ctx: TurnTakingContext) {
    this.vad = new EnergyVad({
      endOfSpeechSilenceMs:
        ctx.options.endOfSpeechSilenceMs ??
        ctx.features.silenceDurationMs ??
        DEFAULT_END_OF_SPEECH_SILENCE_MS,
    });
  }

  /** Right after setupComplete. */
  begin(resumed: boolean): void {
    // A non-blocking call a closed connection left unanswered is not made again.
    this.ctx.conversation.pendingQuestionCalls = [];
    if (this.ctx.features.resumption) this.sendHandle();
    // A call the client never answered (e.g. the socket hit its deadline) is made again after resuming.
    if (resumed && this.ctx.conversation.pendingToolCallId) this.callEndInterview();
  }

  onRealtimeInput(ri: Record<string, unknown>): void {
    if (isObject(ri.audio) && typeof ri.audio.data === 'string')
      this.onAudio(ri.audio.data, ri.audio.mimeType);
    if (Array.isArray(ri.mediaChunks)) {
      for (const c of ri.mediaChunks) {
        if (isObject(c) && typeof c.data === 'string' && String(c.mimeType).startsWith('audio/')) {
          this.onAudio(c.data, c.mimeType);
        }
      }
    }
    if (ri.activityStart !== undefined) {
      this.activityStartMs = this.audioMs;
      this.onSpeechStart('activityStart');
    }
    if (ri.activityEnd !== undefined) {
      const speechMs = this.audioMs - (this.activityStartMs ?? this.audioMs);
      this.activityStartMs = undefined;
      this.vad.flush();
      this.answer({ kind: 'spoken', speechMs });
    }
    if (ri.audioStreamEnd === true) {
      this.ctx.log({ event: 'audioStreamEnd' });
      const speechMs = this.vad.flush();
      if (this.unansweredSpeech || speechMs > 0) this.answer({ kind: 'spoken', speechMs });
      else this.ctx.log({ event: 'audioStreamEnd.no-speech', note: 'no unanswered speech, no turn' });
    }
    if (typeof ri.text === 'string') this.answer(this.typedOrKickoff(ri.text));
  }

  onClientContent(cc: Record<string, unknown>): void {
    const text = (Array.isArray(cc.turns) ? cc.turns : [])
      .flatMap((t: unknown) => (isObject(t) && Array.isArray(t.parts) ? t.parts : []))
      .map((p: unknown) => (isObject(p) && typeof p.text === 'string' ? p.text : ''))
      .join('');
    this.ctx.conversation.promptTokens += Math.ceil(text.length / 4);
    // The SDK defaults turnComplete to true; only an explicit false adds context without a reply.
    if (cc.turnComplete !== false) this.answer(this.typedOrKickoff(text));
  }

  onToolResponse(tr: Record<string, unknown>): void {
    const c = this.ctx.conversation;
    const ids = (Array.isArray(tr.functionResponses) ? tr.functionResponses : []).map((r: unknown) =>
      isObject(r) ? r.id : undefined,
    );
    const questions = c.pendingQuestionCalls;
    if (ids.some((id) => typeof id === 'string' && questions.includes(id))) {
      // next_question is non-blocking and answered SILENT: nothing to say, but resumable again.
      c.pendingQuestionCalls = questions.filter((id) => !ids.includes(id));
      if (c.pendingQuestionCalls.length === 0 && !this.turn?.generating && this.ctx.features.resumption)
        this.sendHandle();
      return;
    }
    if (!c.pendingToolCallId || !ids.includes(c.pendingToolCallId)) {
      this.ctx.log({ event: 'toolResponse.unmatched', ids, pending: c.pendingToolCallId ?? null });
      return;
    }
    c.pendingToolCallId = undefined;
    this.ctx.send({ serverContent: { turnComplete: true }, usageMetadata: this.usage(0) });
    if (this.ctx.features.resumption) this.sendHandle();
  }

  dispose(): void {
    clearImmediate(this.handleIssue);
    this.handleIssue = undefined;
    this.afterHandle.length = 0;
    this.turn?.dispose();
    if (this.reply) clearTimeout(this.reply.timer);
    this.reply = undefined;
  }

  private typedOrKickoff(text: string): Answer {
    const control = CONTROL_TAG.exec(text)?.[1] as ControlRequest | undefined;
    if (control) return { kind: 'control', action: control };
    const c = this.ctx.conversation;
    return c.turnIndex === 0 && c.spokenTurns.length === 0 && !this.reply
      ? { kind: 'kickoff' }
      : { kind: 'typed', text };
  }

  private onAudio(data: string, mimeType: unknown): void {
    const pcm = base64ToBytes(data);
    const rate = sampleRateOf(mimeType);
    if (this.ctx.options.retainHistory) this.ctx.conversation.recordAudio(pcm);
    this.audioMs += durationMs(pcm, rate);
    this.ctx.conversation.promptTokens += Math.ceil((durationMs(pcm, rate) / 1000) * 32);
    for (const e of this.vad.push(pcm, rate)) this.onVadEvent(e);
  }

  private onVadEvent(e: VadEvent): void {
    this.ctx.log({ event: `vad.${e.type}`, ...e });
    if (this.ctx.features.manualActivity) return; // automatic detection is off: only activity signals count
    if (e.type === 'speechStart') {
      this.unansweredSpeech = true;
      this.onSpeechStart('vad');
    } else if (e.type === 'speechEnd') {
      this.answer({ kind: 'spoken', speechMs: e.speechMs });
    }
  }

  private onSpeechStart(source: string): void {
    if (this.reply) {
      // The candidate went on talking before the reply started: hold it and merge the answers.
      clearTimeout(this.reply.timer);
      const spoken = this.ctx.conversation.spokenTurns;
      if (this.reply.entry && spoken[spoken.length - 1] === this.reply.entry) spoken.pop();
      this.carriedSpeechMs += this.reply.speechMs;
      this.reply = undefined;
      this.ctx.log({ event: 'reply.held', source });
    }
    if (this.ctx.features.bargeIn && this.turn?.speaking()) {
      this.ctx.log({ event: 'barge-in', source });
      this.turn.interrupt();
    }
  }

  private answer(a: Answer): void {
    const c = this.ctx.conversation;
    this.unansweredSpeech = false;
    // New input while the server is still streaming cancels that generation; typed input during mere
    // playback does not (barge-in is about detected speech).
    if (this.turn?.generating) this.turn.interrupt();
    const speechMs = a.kind === 'spoken' ? a.speechMs + this.carriedSpeechMs : 0;
    this.carriedSpeechMs = 0;
    const last = c.interviewer.length - 1;
    const index =
      a.kind !== 'control' || a.action === 'skip'
        ? Math.min(c.turnIndex, last) // past the end: repeat the closing
        : a.action === 'repeat'
          ? Math.max(0, c.turnIndex - 1)
          : last;
    const heard =
      a.kind === 'typed' ? a.text : a.kind === 'spoken' ? c.interviewer.hear(index, speechMs) : undefined;
    const entry: SpokenTurn | undefined =
      heard === undefined ? undefined : { role: 'candidate', text: heard };
    if (entry) c.spokenTurns.push(entry);
    if (c.pendingToolCallId) {
      this.ctx.log({ event: 'answer.ignored', reason: 'end_interview call pending', heard: heard ?? null });
      return;
    }
    const line = c.interviewer.line(index) as InterviewerLine;
    const transcription = a.kind === 'spoken' && this.ctx.features.inputTranscription ? heard : undefined;
    const announce = !(a.kind === 'control' && a.action === 'repeat');
    if (a.kind === 'control') this.ctx.log({ event: `control.${a.action}`, turn: index });
    const start = () => {
      this.reply = undefined;
      this.startTurn(index, line, transcription, announce);
    };
    if (this.ctx.options.responseDelayMs <= 0) {
      start();
      return;
    }
    if (this.reply) clearTimeout(this.reply.timer);
    this.reply = { timer: setTimeout(start, this.ctx.options.responseDelayMs), entry, speechMs };
  }

  private startTurn(
    index: number,
    line: InterviewerLine,
    inputTranscription: string | undefined,
    announce: boolean,
  ): void {
    const { ctx } = this;
    const c = ctx.conversation;
    const toolCall =
      announce && line.question && ctx.features.nextQuestionTool
        ? this.questionCall(line.question)
        : undefined;
    c.turnIndex = index + 1;
    const said: SpokenTurn = { role: 'interviewer', text: '' };
    c.spokenTurns.push(said);
    const closing = index === c.interviewer.length - 1;
    ctx.log({ event: 'turn.start', turn: index, closing, text: line.text });
    const responseTokens = Math.ceil(
      ctx.modality === 'AUDIO' ? (durationMs(line.audio, OUTPUT_RATE) / 1000) * 32 : line.text.length / 4,
    );
    const turn = new ModelTurn(
      {
        text: line.text,
        audio: line.audio,
        modality: ctx.modality,
        ...(inputTranscription ? { inputTranscription } : {}),
        outputTranscription: ctx.features.outputTranscription,
        announceNotResumable: ctx.features.resumption,
        ...(toolCall ? { toolCall } : {}),
        pace: ctx.options.audioPace,
        interruptibleUntil: ctx.options.interruptibleUntil,
        chunkMs: ctx.options.chunkMs,
        usageMetadata: () => this.usage(responseTokens),
      },
      {
        send: (m) => ctx.send(m),
        onText: (fragment) => {
          said.text += fragment;
        },
        onFinished: (outcome) => {
          ctx.log({ event: `turn.${outcome}`, turn: index, said: said.text });
          c.promptTokens += responseTokens;
          const pending = [...(c.pendingToolCallId ? [c.pendingToolCallId] : []), ...c.pendingQuestionCalls];
          if (outcome === 'interrupted' && pending.length > 0) {
            ctx.send({ toolCallCancellation: { ids: pending } });
            c.pendingToolCallId = undefined;
            c.pendingQuestionCalls = [];
          }
          const endInterview = outcome === 'complete' && closing && ctx.features.endInterviewTool;
          if (ctx.features.resumption)
            this.sendHandle(endInterview ? () => this.callEndInterview() : undefined);
          else if (endInterview) this.callEndInterview();
        },
      },
    );
    this.turn = turn;
    turn.start();
  }

  /** A next_question call for the turn about to start; pending until its toolResponse. */
  private questionCall(question: { number: number; topic: string }): object {
    const id = functionCallId();
    this.ctx.conversation.pendingQuestionCalls.push(id);
    return { toolCall: { functionCalls: [{ name: 'next_question', args: { ...question }, id }] } };
  }

  private callEndInterview(): void {
    const id = functionCallId();
    this.ctx.conversation.pendingToolCallId = id;
    this.ctx.send({ toolCall: { functionCalls: [{ name: 'end_interview', args: {}, id }] } });
  }

  /**
   * Issues a handle at the end of this I/O round, then runs `then`. The real service sends it after
   * generating the turn, so input that reached it meanwhile is part of the state the handle stands for; at
   * `audioPace` 0 generation takes no time, and the round's end stands in for it: input that arrived with
   * what caused the turn (the rest of a burst of frames) is consumed first.
   */
  private sendHandle(then?: () => void): void {
    const c = this.ctx.conversation;
    if (c.pendingToolCallId || c.pendingQuestionCalls.length > 0) {
      then?.();
      return; // not resumable while a tool runs
    }
    if (then) this.afterHandle.push(then);
    this.handleIssue ??= setImmediate(() => {
      this.handleIssue = undefined;
      this.ctx.send({ sessionResumptionUpdate: { newHandle: this.ctx.issueHandle(), resumable: true } });
      for (const next of this.afterHandle.splice(0)) next();
    });
  }

  private usage(responseTokens: number): Record<string, unknown> {
    const prompt = this.ctx.conversation.promptTokens;
    const modality = this.ctx.modality;
    return {
      promptTokenCount: prompt,
      responseTokenCount: responseTokens,
      totalTokenCount: prompt + responseTokens,
      promptTokensDetails: [{ modality: 'AUDIO', tokenCount: prompt }],
      responseTokensDetails: [{ modality, tokenCount: responseTokens }],
    };
  }
}

/** Ids of the form the real service uses: `function-call-<19 digits>`. */
function functionCallId(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b % 10).join('');
  return `function-call-${digits.replace(/^0/, '1')}`;
}
