import { microphoneError, VoiceInterviewError } from '../errors';
import { DEFAULT_MIC_CONSTRAINTS } from './capture';

/** RMS level (0..1) that counts as speech, not room noise. */
export const SPEECH_LEVEL = 0.02;
/** Consecutive level readings above {@link SPEECH_LEVEL} before "we can hear you" (≈ 0.25 s). */
const HEARD_READINGS = 5;
const READ_EVERY_MS = 50;
/** After this long without speech, suggest speaking up or another microphone. */
const QUIET_AFTER_MS = 4_000;

/**
 * The pre-flight microphone check: its own short-lived stream and AudioContext with an analyser, so no
 * session (and no Gemini time) is needed to see that the microphone works. `close()` releases all of it.
 */
export class MicCheck {
  level = 0;
  /** Speech-level sound was seen for long enough. */
  heard = false;
  /** Audio inputs, known once permission was given. */
  devices: MediaDeviceInfo[] = [];
  /** The device of the current stream. */
  deviceId: string | undefined;
  readonly #context: AudioContext;
  readonly #analyser: AnalyserNode;
  #stream: MediaStream | undefined;
  #source: MediaStreamAudioSourceNode | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #loud = 0;
  #closed = false;
  #openedAt = 0;

  /** Create it inside the click that opens the check, so the chime may play. */
  constructor(private readonly changed: () => void) {
    if (typeof AudioContext === 'undefined') {
      throw new VoiceInterviewError('audio-unsupported', 'This browser cannot record audio here');
    }
    this.#context = new AudioContext();
    void this.#context.resume().catch(() => undefined);
    this.#analyser = this.#context.createAnalyser();
    this.#analyser.fftSize = 1024;
  }

  /** Opens (or switches to) a microphone; rejects with a typed microphone error. */
  async open(constraints: MediaTrackConstraints | undefined, deviceId?: string): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new VoiceInterviewError('audio-unsupported', 'This browser cannot record audio here');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          ...DEFAULT_MIC_CONSTRAINTS,
          ...constraints,
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        },
      });
    } catch (error) {
      throw microphoneError(error);
    }
    if (this.#closed) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.#releaseStream();
    this.#stream = stream;
    this.deviceId = stream.getAudioTracks()[0]?.getSettings().deviceId;
    this.#source = this.#context.createMediaStreamSource(stream);
    this.#source.connect(this.#analyser);
    this.devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    this.#openedAt = performance.now();
    this.#timer ??= setInterval(() => this.#read(), READ_EVERY_MS);
    this.changed();
  }

  /** The microphone has been open a few seconds and still nothing like speech came through. */
  get quiet(): boolean {
    return !this.heard && this.#openedAt > 0 && performance.now() - this.#openedAt > QUIET_AFTER_MS;
  }

  /** A short two-note chime through the default output, to check the speakers. */
  chime(): void {
    const now = this.#context.currentTime;
    for (const [index, frequency] of [660, 880].entries()) {
      const tone = this.#context.createOscillator();
      const gain = this.#context.createGain();
      const start = now + index * 0.18;
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
      tone.connect(gain).connect(this.#context.destination);
      tone.start(start);
      tone.stop(start + 0.32);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#releaseStream();
    void this.#context.close().catch(() => undefined);
  }

  #read(): void {
    const samples = new Float32Array(this.#analyser.fftSize);
    this.#analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    this.level = Math.sqrt(sum / samples.length);
    this.#loud = this.level >= SPEECH_LEVEL ? this.#loud + 1 : 0;
    if (this.#loud >= HEARD_READINGS) this.heard = true;
    this.changed();
  }

  #releaseStream(): void {
    this.#source?.disconnect();
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = undefined;
  }
}
