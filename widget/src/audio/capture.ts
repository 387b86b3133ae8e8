import { microphoneError, VoiceInterviewError } from '../errors';
import { loadWorklet } from './worklet-loader';
import {
  CAPTURE_HEADER_ROOM_BYTES,
  CAPTURE_PROCESSOR,
  type CaptureCommand,
  type CaptureFrameMessage,
} from './worklet-messages';

/** Constraints applied unless overridden: the browser's echo cancellation, noise suppression and AGC. */
export const DEFAULT_MIC_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  channelCount: 1,
};

export interface CaptureOptions {
  context: AudioContext;
  /** PCM16 rate of the frames handed to `onFrame`. */
  targetRate: number;
  frameMs: number;
  workletBaseUrl?: string;
  /** Merged over {@link DEFAULT_MIC_CONSTRAINTS}. */
  constraints?: MediaTrackConstraints;
  onFrame(pcm: Int16Array<ArrayBuffer>, level: number): void;
}

/**
 * The microphone: getUserMedia into a capture worklet running at the context's (device) rate, which hands
 * back PCM16 frames at the target rate. Owns the stream and the nodes; `close()` releases all of them.
 */
export class MicrophoneCapture {
  #paused = false;
  #closed = false;

  readonly #stream: MediaStream;
  readonly #source: MediaStreamAudioSourceNode;
  readonly #node: AudioWorkletNode;

  private constructor(stream: MediaStream, source: MediaStreamAudioSourceNode, node: AudioWorkletNode) {
    this.#stream = stream;
    this.#source = source;
    this.#node = node;
  }

  static async open(options: CaptureOptions): Promise<MicrophoneCapture> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new VoiceInterviewError('audio-unsupported', 'This browser cannot record audio here');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { ...DEFAULT_MIC_CONSTRAINTS, ...options.constraints },
      });
    } catch (error) {
      throw microphoneError(error);
    }
    if (options.context.state === 'closed') {
      // The interview ended while the permission prompt was open.
      for (const track of stream.getTracks()) track.stop();
      throw new VoiceInterviewError('invalid-state', 'The interview ended before the microphone opened');
    }
    try {
      await loadWorklet(options.context, 'capture', options.workletBaseUrl);
      const source = options.context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(options.context, CAPTURE_PROCESSOR, {
        numberOfInputs: 1,
        numberOfOutputs: 0,
        processorOptions: {
          targetRate: options.targetRate,
          frameSamples: Math.round((options.targetRate * options.frameMs) / 1000),
        },
      });
      node.port.onmessage = (event: MessageEvent<CaptureFrameMessage>) => {
        options.onFrame(new Int16Array(event.data.pcm, CAPTURE_HEADER_ROOM_BYTES), event.data.level);
      };
      source.connect(node);
      return new MicrophoneCapture(stream, source, node);
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      throw error;
    }
  }

  get isPaused(): boolean {
    return this.#paused;
  }

  pause(): void {
    this.#paused = true;
    this.#command({ type: 'pause' });
  }

  resume(): void {
    this.#paused = false;
    this.#command({ type: 'resume' });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#command({ type: 'stop' });
    this.#node.port.onmessage = null;
    this.#node.port.close();
    this.#source.disconnect();
    for (const track of this.#stream.getTracks()) track.stop();
  }

  #command(command: CaptureCommand): void {
    if (!this.#closed || command.type === 'stop') this.#node.port.postMessage(command);
  }
}
