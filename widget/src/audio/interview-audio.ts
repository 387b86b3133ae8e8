import { VoiceInterviewError } from '../errors';
import { MicrophoneCapture } from './capture';
import { InterviewerPlayback } from './playback';

export interface InterviewAudioOptions {
  microphone: boolean;
  inputRate: number;
  outputRate: number;
  frameMs: number;
  micConstraints?: MediaTrackConstraints;
  workletBaseUrl?: string;
  onMicFrame(pcm: Int16Array<ArrayBuffer>, level: number): void;
  onSpeakingChange(speaking: boolean): void;
}

/**
 * The audio side of one interview: one AudioContext at the device's rate with the capture and playback
 * worklets on it. Create it inside the user's click (the context must start in a gesture), then `open()`.
 */
export class InterviewAudio {
  readonly context: AudioContext;
  readonly #resumed: Promise<void>;
  #capture: MicrophoneCapture | undefined;
  #playback: InterviewerPlayback | undefined;
  #closed = false;

  constructor() {
    if (typeof AudioContext === 'undefined' || typeof AudioWorkletNode === 'undefined') {
      throw new VoiceInterviewError('audio-unsupported', 'This browser cannot play or record audio here');
    }
    setAudioSessionType('play-and-record');
    this.context = new AudioContext({ latencyHint: 'interactive' });
    this.#resumed = this.context.resume();
  }

  get hasMicrophone(): boolean {
    return this.#capture !== undefined;
  }

  async open(options: InterviewAudioOptions): Promise<void> {
    const [capture, playback] = await Promise.allSettled([
      options.microphone
        ? MicrophoneCapture.open({
            context: this.context,
            targetRate: options.inputRate,
            frameMs: options.frameMs,
            workletBaseUrl: options.workletBaseUrl,
            constraints: options.micConstraints,
            onFrame: options.onMicFrame,
          })
        : Promise.resolve(undefined),
      InterviewerPlayback.open({
        context: this.context,
        sourceRate: options.outputRate,
        workletBaseUrl: options.workletBaseUrl,
        onSpeakingChange: options.onSpeakingChange,
      }),
      this.#resumed,
    ]);
    if (capture.status === 'fulfilled') this.#capture = capture.value;
    if (playback.status === 'fulfilled') this.#playback = playback.value;
    if (this.#closed) this.close();
    if (capture.status === 'rejected') throw capture.reason;
    if (playback.status === 'rejected') throw playback.reason;
  }

  pauseMicrophone(): void {
    this.#capture?.pause();
  }

  resumeMicrophone(): void {
    this.#capture?.resume();
  }

  play(pcm: Uint8Array): void {
    this.#playback?.enqueue(pcm);
  }

  endOfTurn(): void {
    this.#playback?.endOfTurn();
  }

  interrupt(): void {
    this.#playback?.interrupt();
  }

  /** Stops the microphone tracks, disconnects the worklets and closes the context. Idempotent. */
  close(): void {
    this.#closed = true;
    this.#capture?.close();
    this.#playback?.close();
    this.#capture = undefined;
    this.#playback = undefined;
    if (this.context.state !== 'closed') void this.context.close().catch(() => undefined);
    setAudioSessionType('auto');
  }
}

/**
 * Safari 16.4+ (iOS): one play-and-record audio session while the interview runs, so the interviewer keeps
 * playing with the microphone open; back to `auto` after. Feature-detected: other browsers have no
 * `navigator.audioSession` and nothing happens.
 */
function setAudioSessionType(type: 'play-and-record' | 'auto'): void {
  const session = (navigator as Navigator & { audioSession?: { type: string } }).audioSession;
  if (session && typeof session.type === 'string') session.type = type;
}
