import { copyToArrayBuffer } from './pcm';
import { loadWorklet } from './worklet-loader';
import {
  PLAYBACK_PROCESSOR,
  type PlaybackCommand,
  type PlaybackProcessorOptions,
  type PlaybackSpeakingMessage,
} from './worklet-messages';

export const DEFAULT_PLAYBACK: Omit<PlaybackProcessorOptions, 'sourceRate'> = {
  jitterMs: 60,
  maxQueuedSeconds: 60,
  interruptRampSamples: 64,
};

export interface PlaybackOptions {
  context: AudioContext;
  /** Rate of the PCM16 chunks passed to `enqueue`. */
  sourceRate: number;
  workletBaseUrl?: string;
  onSpeakingChange(speaking: boolean): void;
}

/** The interviewer's voice: a playback worklet connected to the context's destination. */
export class InterviewerPlayback {
  #closed = false;

  private constructor(private readonly node: AudioWorkletNode) {}

  static async open(options: PlaybackOptions): Promise<InterviewerPlayback> {
    await loadWorklet(options.context, 'playback', options.workletBaseUrl);
    const processorOptions: PlaybackProcessorOptions = {
      sourceRate: options.sourceRate,
      ...DEFAULT_PLAYBACK,
    };
    const node = new AudioWorkletNode(options.context, PLAYBACK_PROCESSOR, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions,
    });
    node.port.onmessage = (event: MessageEvent<PlaybackSpeakingMessage>) => {
      options.onSpeakingChange(event.data.speaking);
    };
    node.connect(options.context.destination);
    return new InterviewerPlayback(node);
  }

  /** Queues PCM16 little-endian bytes (any view; copied, then transferred to the worklet). */
  enqueue(pcm: Uint8Array): void {
    const buffer = copyToArrayBuffer(pcm);
    this.#command({ type: 'audio', pcm: buffer }, [buffer]);
  }

  endOfTurn(): void {
    this.#command({ type: 'end-of-turn' });
  }

  interrupt(): void {
    this.#command({ type: 'interrupt' });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.node.port.onmessage = null;
    this.node.port.close();
    this.node.disconnect();
  }

  #command(command: PlaybackCommand, transfer: Transferable[] = []): void {
    if (!this.#closed) this.node.port.postMessage(command, transfer);
  }
}
