/**
 * Test-only instruments installed in the page before the element starts: they wrap the browser APIs the
 * element uses (getUserMedia, AudioContext, WebSocket, EventSource, fetch, AudioNode.connect) to record what
 * was opened and sent and to measure what reaches the speakers. Nothing here changes behaviour.
 */
import { AudioKind, decodeAudioBatch } from '../../../relay/protocol/index';

export interface OutputSample {
  at: number;
  peak: number;
}

export class BrowserProbes {
  readonly tracks: MediaStreamTrack[] = [];
  readonly contexts: AudioContext[] = [];
  readonly sockets: WebSocket[] = [];
  readonly eventSources: EventSource[] = [];
  /**
   * Every candidate audio frame the element put on the wire (WebSocket binary message or `POST /audio`
   * batch), by sequence number. A resent frame must carry the same bytes: `resentDifferently` counts those
   * that did not.
   */
  readonly sentFrames = new Map<number, Uint8Array>();
  resentDifferently = 0;
  readonly analysers: AnalyserNode[] = [];
  /** `performance.now()` when each `interrupted` event arrived on a socket, before the element saw it. */
  readonly interruptedAt: number[] = [];
  /** `performance.now()` when each `ended` event arrived on a socket, before the element saw it. */
  readonly endedAt: number[] = [];
  readonly output: OutputSample[] = [];
  private monitor: ReturnType<typeof setInterval> | undefined;

  install(): this {
    const probes = this;
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      probes.tracks.push(...stream.getTracks());
      return stream;
    };
    const NativeAudioContext = window.AudioContext;
    window.AudioContext = class extends NativeAudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        probes.contexts.push(this);
      }
    };
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        probes.sockets.push(this);
        this.addEventListener('message', (event: MessageEvent) => {
          if (typeof event.data === 'string' && event.data.includes('"type":"interrupted"')) {
            probes.interruptedAt.push(performance.now());
          }
          if (typeof event.data === 'string' && event.data.includes('"type":"ended"')) {
            probes.endedAt.push(performance.now());
          }
        });
      }

      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (ArrayBuffer.isView(data)) probes.recordSent(data);
        super.send(data);
      }
    };
    const NativeEventSource = window.EventSource;
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        probes.eventSources.push(this);
        this.addEventListener('interrupted', () => probes.interruptedAt.push(performance.now()));
        this.addEventListener('ended', () => probes.endedAt.push(performance.now()));
      }
    };
    const nativeFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/audio') && init?.body instanceof Uint8Array) probes.recordSent(init.body);
      return nativeFetch(input, init);
    };
    const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
    AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
      const destination = args[0];
      if (destination instanceof AudioDestinationNode) {
        const analyser = this.context.createAnalyser();
        analyser.fftSize = 256;
        connect.call(this, analyser);
        probes.analysers.push(analyser);
      }
      return connect.apply(this, args);
    } as typeof AudioNode.prototype.connect;
    return this;
  }

  private recordSent(data: ArrayBufferView): void {
    for (const frame of decodeAudioBatch(data)) {
      if (frame.kind !== AudioKind.Candidate) continue;
      const earlier = this.sentFrames.get(frame.seq);
      if (earlier && !sameBytes(earlier, frame.pcm)) this.resentDifferently += 1;
      if (!earlier) this.sentFrames.set(frame.seq, frame.pcm.slice());
    }
  }

  /** The frames sent, in sequence order; throws unless they are numbered 1..n without a hole. */
  sentInOrder(): Uint8Array[] {
    const seqs = [...this.sentFrames.keys()].sort((a, b) => a - b);
    seqs.forEach((seq, index) => {
      if (seq !== index + 1) throw new Error(`candidate frame ${index + 1} was never sent (next: ${seq})`);
    });
    return seqs.map((seq) => this.sentFrames.get(seq) as Uint8Array);
  }

  /** Samples the peak level of everything connected to the speakers every few milliseconds. */
  startOutputMonitor(): void {
    const buffer = new Float32Array(256);
    this.monitor = setInterval(() => {
      let peak = 0;
      for (const analyser of this.analysers) {
        analyser.getFloatTimeDomainData(buffer);
        for (const sample of buffer) peak = Math.max(peak, Math.abs(sample));
      }
      this.output.push({ at: performance.now(), peak });
    }, 2);
  }

  stopOutputMonitor(): void {
    clearInterval(this.monitor);
  }
}

/** Polls `condition` until it holds; fails after `timeoutMs`. For conditions no event announces. */
export async function waitFor(condition: () => boolean, message: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Like waitFor, for a condition that needs an async check (a server command). */
export async function waitForAsync(
  condition: () => Promise<boolean>,
  message: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
