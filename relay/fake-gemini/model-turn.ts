/**
 * Streams one model turn in the order the native-audio service uses: inputTranscription fragments →
 * (a toolCall the turn opens with, e.g. next_question) → modelTurn audio chunks interleaved with outputTranscription fragments → generationComplete →
 * turnComplete + usageMetadata. Steps are timed against the turn's start (no drift); `pace` 0 sends them
 * all at once. The model counts as "speaking" until the audio's real-time duration has elapsed, even
 * when the chunks went out faster, because that is when the client finishes playing it.
 */
import { bytesToBase64 } from '../protocol/base64';
import { durationMs, OUTPUT_RATE } from './pcm';
import { splitIntoFragments } from './transcript-fragments';

export interface ModelTurnPlan {
  text: string;
  /** 24 kHz PCM16 mono. */
  audio: Uint8Array;
  modality: 'AUDIO' | 'TEXT';
  /** Sent first, only when set (the setup enabled inputAudioTranscription and the answer was spoken). */
  inputTranscription?: string;
  outputTranscription: boolean;
  /** Send `sessionResumptionUpdate{resumable:false}` as generation starts (setup asked for resumption). */
  announceNotResumable: boolean;
  /** A `toolCall` message the model makes as it starts speaking (next_question), sent before the audio. */
  toolCall?: object;
  pace: number;
  interruptibleUntil: 'played' | 'generated';
  chunkMs: number;
  usageMetadata: () => Record<string, unknown>;
}

export interface ModelTurnHooks {
  send(message: object): void;
  /** Called with each piece of interviewer text as it goes out (transcription or text part). */
  onText(fragment: string): void;
  onFinished(outcome: 'complete' | 'interrupted'): void;
}

interface Step {
  atMs: number;
  message?: object;
  /** Interviewer text this step "says" (recorded even when transcription is off). */
  text?: string;
}

export class ModelTurn {
  private readonly steps: Step[];
  private next = 0;
  private startedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly audioMs: number;
  private state: 'idle' | 'streaming' | 'sent' | 'interrupted' | 'disposed' = 'idle';

  constructor(
    private readonly plan: ModelTurnPlan,
    private readonly hooks: ModelTurnHooks,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.audioMs = durationMs(plan.audio, OUTPUT_RATE);
    this.steps = buildSteps(plan);
  }

  /** True until turnComplete has been sent. */
  get generating(): boolean {
    return this.state === 'idle' || this.state === 'streaming';
  }

  /** From the first chunk until the audio has played out at 1x, or until all chunks were sent if later. */
  speaking(): boolean {
    if (this.state === 'streaming') return true;
    if (this.plan.interruptibleUntil === 'generated') return false;
    return this.state === 'sent' && this.now() - this.startedAt < this.audioMs;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'streaming';
    this.startedAt = this.now();
    this.pump();
  }

  /** Barge-in: stop streaming and send interrupted + turnComplete. */
  interrupt(): void {
    if (this.state !== 'streaming' && this.state !== 'sent') return;
    this.clearTimer();
    this.state = 'interrupted';
    this.hooks.send({ serverContent: { interrupted: true } });
    this.hooks.send({ serverContent: { turnComplete: true }, usageMetadata: this.plan.usageMetadata() });
    this.hooks.onFinished('interrupted');
  }

  /** The connection went away: stop silently. */
  dispose(): void {
    this.clearTimer();
    this.state = 'disposed';
  }

  private pump(): void {
    this.timer = undefined;
    if (this.state !== 'streaming') return;
    const elapsed = this.now() - this.startedAt;
    while (this.next < this.steps.length) {
      const step = this.steps[this.next] as Step;
      if (step.atMs > elapsed) {
        this.timer = setTimeout(() => this.pump(), step.atMs - elapsed);
        return;
      }
      this.next++;
      if (step.text !== undefined) this.hooks.onText(step.text);
      if (step.message) this.hooks.send(step.message);
    }
    this.hooks.send({ serverContent: { turnComplete: true }, usageMetadata: this.plan.usageMetadata() });
    this.state = 'sent';
    this.hooks.onFinished('complete');
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function buildSteps(plan: ModelTurnPlan): Step[] {
  const steps: Step[] = [];
  if (plan.inputTranscription) {
    // A bracketed placeholder ("[spoken answer, 7.4 s]") goes out whole; real words come in word groups.
    const heard = ` ${plan.inputTranscription}`;
    for (const text of plan.inputTranscription.startsWith('[') ? [heard] : splitIntoFragments(heard, 3)) {
      steps.push({ atMs: 0, message: { serverContent: { inputTranscription: { text } } } });
    }
  }
  if (plan.announceNotResumable)
    steps.push({ atMs: 0, message: { sessionResumptionUpdate: { resumable: false } } });
  if (plan.toolCall) steps.push({ atMs: 0, message: plan.toolCall });
  const pace = Math.max(plan.pace, 0);
  const at = (ms: number) => (pace ? ms / pace : 0);
  const fragments = splitIntoFragments(plan.text);
  const audioMs = durationMs(plan.audio, OUTPUT_RATE);
  if (plan.modality === 'TEXT') {
    // A TEXT-modality session gets text parts instead of audio, spread over the time speech would take.
    fragments.forEach((text, j) => {
      steps.push({ atMs: at((j * audioMs) / fragments.length), message: textPart(text), text });
    });
  } else {
    const chunkBytes = Math.max(2, Math.round((plan.chunkMs / 1000) * OUTPUT_RATE) * 2);
    const chunkCount = Math.max(1, Math.ceil(plan.audio.byteLength / chunkBytes));
    let fragment = 0;
    for (let k = 0; k < chunkCount; k++) {
      const data = plan.audio.subarray(k * chunkBytes, (k + 1) * chunkBytes);
      const atMs = at(k * plan.chunkMs);
      steps.push({ atMs, message: audioPart(data) });
      // Fragment j goes out right after chunk round(j * chunks / fragments): text keeps pace with speech.
      while (fragment < fragments.length && Math.round((fragment * chunkCount) / fragments.length) <= k) {
        const text = fragments[fragment++] as string;
        const message = { serverContent: { outputTranscription: { text } } };
        steps.push(plan.outputTranscription ? { atMs, message, text } : { atMs, text });
      }
    }
  }
  const lastAt = steps.length ? (steps[steps.length - 1] as Step).atMs : 0;
  steps.push({ atMs: lastAt, message: { serverContent: { generationComplete: true } } });
  return steps;
}

function audioPart(data: Uint8Array): object {
  return {
    serverContent: {
      modelTurn: {
        parts: [{ inlineData: { mimeType: `audio/pcm;rate=${OUTPUT_RATE}`, data: bytesToBase64(data) } }],
      },
    },
  };
}

function textPart(text: string): object {
  return { serverContent: { modelTurn: { parts: [{ text }] } } };
}
