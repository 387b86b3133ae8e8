/**
 * Playback processor: takes interviewer PCM16 chunks at the protocol's output rate, resamples them to the
 * context rate and plays them from a bounded queue with a small jitter buffer. On `interrupt` it ramps down
 * within the next render quantum and drops everything queued. Bundled into a standalone script.
 */
import { pcm16BytesToFloat } from './pcm';
import { Resampler } from './resampler';
import {
  PLAYBACK_PROCESSOR,
  type PlaybackCommand,
  type PlaybackProcessorOptions,
  type PlaybackSpeakingMessage,
} from './worklet-messages';

declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new (options: { processorOptions: PlaybackProcessorOptions }) => AudioWorkletProcessor,
): void;

class PlaybackProcessor extends AudioWorkletProcessor {
  readonly #resampler: Resampler;
  readonly #jitterSamples: number;
  readonly #maxQueuedSamples: number;
  readonly #rampSamples: number;
  readonly #queue: Float32Array[] = [];
  #readOffset = 0;
  #queuedSamples = 0;
  /** Buffering until the jitter threshold (or the end of the turn) is reached, then playing. */
  #playing = false;
  #turnComplete = false;
  #rampRemaining = 0;
  #speaking = false;

  constructor(options: { processorOptions: PlaybackProcessorOptions }) {
    super();
    const { sourceRate, jitterMs, maxQueuedSeconds, interruptRampSamples } = options.processorOptions;
    this.#resampler = new Resampler(sourceRate, sampleRate);
    this.#jitterSamples = Math.round((jitterMs / 1000) * sampleRate);
    this.#maxQueuedSamples = Math.round(maxQueuedSeconds * sampleRate);
    this.#rampSamples = interruptRampSamples;
    this.port.onmessage = (event: MessageEvent<PlaybackCommand>) => this.#handle(event.data);
  }

  #handle(command: PlaybackCommand): void {
    if (command.type === 'audio') {
      this.#turnComplete = false;
      this.#enqueue(this.#resampler.process(pcm16BytesToFloat(new Uint8Array(command.pcm))).slice());
    } else if (command.type === 'end-of-turn') {
      this.#turnComplete = true;
    } else if (this.#queuedSamples > 0 && this.#playing) {
      this.#rampRemaining = this.#rampSamples;
    } else {
      this.#dropQueue();
    }
  }

  #enqueue(samples: Float32Array): void {
    if (samples.length === 0) return;
    this.#queue.push(samples);
    this.#queuedSamples += samples.length;
    while (this.#queuedSamples > this.#maxQueuedSamples && this.#queue.length > 1) {
      const oldest = this.#queue.shift() as Float32Array;
      this.#queuedSamples -= oldest.length - this.#readOffset;
      this.#readOffset = 0;
    }
  }

  #dropQueue(): void {
    this.#queue.length = 0;
    this.#queuedSamples = 0;
    this.#readOffset = 0;
    this.#playing = false;
    this.#rampRemaining = 0;
    this.#resampler.reset();
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const output = outputs[0]?.[0];
    if (!output) return true;
    if (
      !this.#playing &&
      (this.#queuedSamples >= this.#jitterSamples || (this.#turnComplete && this.#queuedSamples))
    ) {
      this.#playing = true;
    }
    let written = 0;
    if (this.#playing) written = this.#rampRemaining > 0 ? this.#readRamped(output) : this.#read(output);
    output.fill(0, written);
    if (this.#playing && this.#queuedSamples === 0) this.#playing = false;
    const channels = outputs[0] ?? [];
    for (let c = 1; c < channels.length; c++) channels[c]?.set(output);
    this.#reportSpeaking(this.#playing || written > 0);
    return true;
  }

  #read(output: Float32Array, limit = output.length): number {
    let written = 0;
    while (written < limit && this.#queue.length > 0) {
      const head = this.#queue[0];
      if (!head) break;
      const count = Math.min(limit - written, head.length - this.#readOffset);
      output.set(head.subarray(this.#readOffset, this.#readOffset + count), written);
      written += count;
      this.#readOffset += count;
      this.#queuedSamples -= count;
      if (this.#readOffset === head.length) {
        this.#queue.shift();
        this.#readOffset = 0;
      }
    }
    return written;
  }

  /** Plays the last few samples with a linear fade to zero, then drops the queue. */
  #readRamped(output: Float32Array): number {
    const written = this.#read(output, Math.min(this.#rampRemaining, output.length));
    for (let i = 0; i < written; i++)
      output[i] = ((output[i] ?? 0) * (this.#rampRemaining - i)) / (this.#rampSamples + 1);
    this.#dropQueue();
    return written;
  }

  #reportSpeaking(speaking: boolean): void {
    if (speaking === this.#speaking) return;
    this.#speaking = speaking;
    const message: PlaybackSpeakingMessage = { type: 'speaking', speaking };
    this.port.postMessage(message);
  }
}

registerProcessor(PLAYBACK_PROCESSOR, PlaybackProcessor);
