/**
 * Capture processor: runs at the context's (device) rate, resamples to the protocol's input rate with our
 * anti-aliasing resampler, converts to PCM16 (clamped) and posts fixed-size frames as transferable buffers.
 * Bundled into a standalone script (see widget/build/worklet-source.ts); imports are inlined.
 */
import { floatToPcm16 } from './pcm';
import { Resampler } from './resampler';
import {
  CAPTURE_HEADER_ROOM_BYTES,
  CAPTURE_PROCESSOR,
  type CaptureCommand,
  type CaptureFrameMessage,
  type CaptureProcessorOptions,
} from './worklet-messages';

declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new (options: { processorOptions: CaptureProcessorOptions }) => AudioWorkletProcessor,
): void;

class CaptureProcessor extends AudioWorkletProcessor {
  readonly #resampler: Resampler;
  readonly #frame: Float32Array;
  #filled = 0;
  #paused = false;
  #stopped = false;
  #mono = new Float32Array(128);

  constructor(options: { processorOptions: CaptureProcessorOptions }) {
    super();
    const { targetRate, frameSamples } = options.processorOptions;
    this.#resampler = new Resampler(sampleRate, targetRate);
    this.#frame = new Float32Array(frameSamples);
    this.port.onmessage = (event: MessageEvent<CaptureCommand>) => {
      if (event.data.type === 'pause') this.#paused = true;
      else if (event.data.type === 'resume') this.#paused = false;
      else this.#stopped = true;
      this.#filled = 0;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.#stopped) return false;
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const samples = this.#downmix(channels);
    const resampled = this.#resampler.process(samples);
    if (this.#paused) return true;
    for (let i = 0; i < resampled.length; i++) {
      this.#frame[this.#filled++] = resampled[i] ?? 0;
      if (this.#filled === this.#frame.length) this.#postFrame();
    }
    return true;
  }

  #downmix(channels: Float32Array[]): Float32Array {
    const [first] = channels;
    if (!first || channels.length === 1) return first ?? this.#mono;
    const length = first.length;
    if (this.#mono.length !== length) this.#mono = new Float32Array(length);
    this.#mono.fill(0);
    for (const channel of channels) {
      for (let i = 0; i < length; i++)
        this.#mono[i] = (this.#mono[i] ?? 0) + (channel[i] ?? 0) / channels.length;
    }
    return this.#mono;
  }

  #postFrame(): void {
    let sumSquares = 0;
    for (const sample of this.#frame) sumSquares += sample * sample;
    // PCM16 after room for the uplink frame's header: the main thread writes the header and sends as is.
    const room = new ArrayBuffer(CAPTURE_HEADER_ROOM_BYTES + this.#frame.length * 2);
    const pcm = floatToPcm16(this.#frame, new Int16Array(room, CAPTURE_HEADER_ROOM_BYTES));
    const message: CaptureFrameMessage = {
      type: 'frame',
      pcm: pcm.buffer,
      level: Math.min(1, Math.sqrt(sumSquares / this.#frame.length)),
    };
    this.port.postMessage(message, [pcm.buffer]);
    this.#filled = 0;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
