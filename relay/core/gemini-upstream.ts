import {
  Behavior,
  EndSensitivity,
  type FunctionDeclaration,
  FunctionResponseScheduling,
  GoogleGenAI,
  type LiveConnectConfig,
  type LiveServerMessage,
  Modality,
  type Session,
  StartSensitivity,
  Type,
} from '@google/genai';
import { base64ToBytes, bytesToBase64 } from '../protocol/base64';
import { INPUT_SAMPLE_RATE } from '../protocol/limits';
import { GEMINI_API_VERSION } from './config';
import type { TurnTaking } from './interview-plan';
import { UPLINK_BATCH_MS, UplinkCoalescer } from './uplink-coalescer';

/** 16 kHz PCM16: 32 bytes per millisecond. */
const INPUT_BYTES_PER_MS = (INPUT_SAMPLE_RATE * 2) / 1000;

/** The function the interviewer calls when it has closed the interview. */
export const END_INTERVIEW_FUNCTION: FunctionDeclaration = {
  name: 'end_interview',
  description: 'Ends the interview. Call it once, after you have thanked the candidate and said goodbye.',
};

/**
 * The function the interviewer calls as it starts each question of the plan: how the relay knows progress.
 * Non-blocking, so the interviewer keeps speaking while the relay records it; answered SILENT.
 */
export const NEXT_QUESTION_FUNCTION: FunctionDeclaration = {
  name: 'next_question',
  description:
    'Call it each time you start a new question of the question plan, with the number and topic of that question.',
  behavior: Behavior.NON_BLOCKING,
  parameters: {
    type: Type.OBJECT,
    properties: {
      number: { type: Type.INTEGER, description: '1-based number of the question in the plan.' },
      topic: { type: Type.STRING, description: 'The topic of that question, as the plan names it.' },
    },
    required: ['number', 'topic'],
  },
};

/** What the interviewer passed to next_question, as received (the relay checks it against the plan). */
export interface NextQuestionCall {
  id: string;
  number: unknown;
  topic: unknown;
}

export interface UpstreamSettings {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  systemInstruction: string;
  voice: string;
  language: string;
  turnTaking: TurnTaking;
  /** Resumption handle from an earlier connection of the same session. */
  resumeHandle: string | undefined;
  /** Candidate audio joined into messages of up to this many ms (uplink-coalescer.ts); default 0 = off. */
  uplinkBatchMs?: number;
  /** Give up on a connect without setupComplete after this long (default {@link UPSTREAM_CONNECT_TIMEOUT_MS}). */
  connectTimeoutMs?: number;
}

/** The SDK's socket wrapper, as its Live module creates it (Node `ws` or the web WebSocket). */
interface SdkSocket {
  close(): void;
  /** What `Session.sendRealtimeInput` itself ends in: one JSON text message on the socket. */
  send?(message: string): void;
}

const AUDIO_MIME_TYPE = `audio/pcm;rate=${INPUT_SAMPLE_RATE}`;

/**
 * The exact text `session.sendRealtimeInput({ audio: { data, mimeType } })` puts on the wire for the
 * Gemini API (the SDK copies the blob through its converters, then `JSON.stringify`s it): built directly
 * here, it skips the SDK's per-message conversion and the JSON serialisation of a ~1 KB string. The
 * base64 alphabet and the MIME type need no JSON escaping. gemini-upstream.test.ts checks that this is
 * byte for byte what the pinned SDK sends, so an SDK upgrade that changes the wire fails a test.
 */
export function realtimeAudioMessage(base64: string): string {
  return `{"realtimeInput":{"audio":{"data":"${base64}","mimeType":"${AUDIO_MIME_TYPE}"}}}`;
}
interface SdkSocketFactory {
  create(url: string, headers: Record<string, string>, callbacks: unknown): SdkSocket;
}

/**
 * Wraps the Live module's socket factory so an abandoned connect can be closed: the SDK resolves connect()
 * only on setupComplete and offers no way to cancel it. `webSocketFactory` is not public API; when an SDK
 * upgrade renames it, `socket()` returns undefined and a late session is closed when it resolves instead.
 */
function captureSocket(live: unknown): { socket(): SdkSocket | undefined } {
  let socket: SdkSocket | undefined;
  const holder = live as { webSocketFactory?: SdkSocketFactory };
  const factory = holder.webSocketFactory;
  if (factory && typeof factory.create === 'function') {
    holder.webSocketFactory = {
      create: (url, headers, callbacks) => {
        socket = factory.create(url, headers, callbacks);
        return socket;
      },
    };
  }
  return { socket: () => socket };
}

/** What one upstream connection reports, already decoded from Gemini's messages. */
export interface UpstreamHandlers {
  audio(pcm24k: Uint8Array): void;
  inputTranscript(fragment: string): void;
  outputTranscript(fragment: string): void;
  interrupted(): void;
  turnComplete(): void;
  resumeHandle(handle: string): void;
  goAway(timeLeftMs: number): void;
  endInterviewCalled(callId: string): void;
  nextQuestionCalled(call: NextQuestionCall): void;
  closed(code: number, reason: string): void;
}

/** Handlers that ignore everything, for connections that only send (measuring tools, tests). */
export function ignoringHandlers(): UpstreamHandlers {
  const ignore = () => {};
  return {
    audio: ignore,
    inputTranscript: ignore,
    outputTranscript: ignore,
    interrupted: ignore,
    turnComplete: ignore,
    resumeHandle: ignore,
    goAway: ignore,
    endInterviewCalled: ignore,
    nextQuestionCalled: ignore,
    closed: ignore,
  };
}

/** How long connect() may take before we give up (SDK 2.x never rejects when closed before setup). */
export const UPSTREAM_CONNECT_TIMEOUT_MS = 15_000;

export function liveConfig(settings: UpstreamSettings): LiveConnectConfig {
  const t = settings.turnTaking;
  return {
    responseModalities: [Modality.AUDIO],
    speechConfig: {
      voiceConfig: { prebuiltVoiceConfig: { voiceName: settings.voice } },
      languageCode: settings.language,
    },
    systemInstruction: settings.systemInstruction,
    inputAudioTranscription: {},
    outputAudioTranscription: {},
    sessionResumption: settings.resumeHandle ? { handle: settings.resumeHandle } : {},
    contextWindowCompression: { slidingWindow: {} },
    realtimeInputConfig: {
      automaticActivityDetection: {
        silenceDurationMs: t.silenceDurationMs,
        endOfSpeechSensitivity: EndSensitivity[t.endOfSpeechSensitivity],
        ...(t.startOfSpeechSensitivity
          ? { startOfSpeechSensitivity: StartSensitivity[t.startOfSpeechSensitivity] }
          : {}),
        ...(t.prefixPaddingMs !== undefined ? { prefixPaddingMs: t.prefixPaddingMs } : {}),
      },
    },
    tools: [{ functionDeclarations: [END_INTERVIEW_FUNCTION, NEXT_QUESTION_FUNCTION] }],
  };
}

/** Proto Duration strings ("50s", "12.5s") to milliseconds. */
export function durationToMs(value: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value ?? '');
  return match ? Math.round(Number(match[1]) * 1000) : 0;
}

/**
 * One connection to Gemini Live through the official SDK. It decodes server messages into
 * {@link UpstreamHandlers} calls; it knows nothing of clients, transcripts or reconnection policy.
 */
export class GeminiUpstream {
  #session: Session | undefined;
  /** The SDK's own socket, when its factory could be wrapped: candidate audio goes out on it directly. */
  #socket: SdkSocket | undefined;
  #closed = false;
  readonly #uplink: UplinkCoalescer;

  private constructor(
    private readonly handlers: UpstreamHandlers,
    uplinkBatchMs: number,
  ) {
    this.#uplink = new UplinkCoalescer((pcm) => this.#sendAudioNow(pcm), uplinkBatchMs, INPUT_BYTES_PER_MS);
  }

  static async connect(settings: UpstreamSettings, handlers: UpstreamHandlers): Promise<GeminiUpstream> {
    const upstream = new GeminiUpstream(handlers, settings.uplinkBatchMs ?? UPLINK_BATCH_MS);
    const ai = new GoogleGenAI({
      apiKey: settings.apiKey,
      httpOptions: {
        apiVersion: GEMINI_API_VERSION,
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
      },
    });
    let failEarly: (error: Error) => void = () => {};
    const early = new Promise<never>((_, reject) => {
      failEarly = reject;
    });
    let connected = false;
    let abandoned = false;
    const captured = captureSocket(ai.live);
    const timer = setTimeout(() => {
      // Abandoned: closed now, and nothing it receives later reaches the handlers.
      abandoned = true;
      upstream.#closed = true;
      try {
        captured.socket()?.close();
      } catch {
        // the socket never got created
      }
      failEarly(new UpstreamConnectError(1006, 'timed out waiting for setupComplete'));
    }, settings.connectTimeoutMs ?? UPSTREAM_CONNECT_TIMEOUT_MS);
    const connecting = ai.live.connect({
      model: settings.model,
      config: liveConfig(settings),
      callbacks: {
        onmessage: (message) => {
          upstream.#dispatch(message);
        },
        onerror: () => {},
        onclose: (event) => {
          if (!connected) {
            failEarly(new UpstreamConnectError(event.code, event.reason));
            return;
          }
          upstream.#onClose(event.code, event.reason);
        },
      },
    });
    // A connect abandoned on timeout that completes after all is closed at once.
    void connecting.then(
      (late) => {
        if (abandoned) late.close();
      },
      () => {},
    );
    try {
      upstream.#session = await Promise.race([connecting, early]);
      const socket = captured.socket();
      if (typeof socket?.send === 'function') upstream.#socket = socket;
      connected = true;
      return upstream;
    } finally {
      clearTimeout(timer);
    }
  }

  sendAudio(pcm16k: Uint8Array): void {
    this.#uplink.push(pcm16k);
  }

  #sendAudioNow(pcm16k: Uint8Array): void {
    if (this.#closed) return;
    const data = bytesToBase64(pcm16k);
    if (this.#socket) this.#socket.send?.(realtimeAudioMessage(data));
    else this.#session?.sendRealtimeInput({ audio: { data, mimeType: AUDIO_MIME_TYPE } });
  }

  /** The microphone paused: lets Gemini flush what it buffered. */
  sendAudioStreamEnd(): void {
    this.#uplink.flush();
    this.#session?.sendRealtimeInput({ audioStreamEnd: true });
  }

  /** A turn in text: the kick-off prompt or a typed answer. */
  sendText(text: string): void {
    this.#uplink.flush();
    this.#session?.sendClientContent({ turns: [{ role: 'user', parts: [{ text }] }], turnComplete: true });
  }

  acknowledgeEndInterview(callId: string): void {
    this.#uplink.flush();
    this.#session?.sendToolResponse({
      functionResponses: [
        { id: callId, name: END_INTERVIEW_FUNCTION.name ?? '', response: { result: 'ok' } },
      ],
    });
  }

  /** Answers a next_question call without asking the interviewer to react to it. */
  acknowledgeNextQuestion(callId: string): void {
    this.#uplink.flush();
    this.#session?.sendToolResponse({
      functionResponses: [
        {
          id: callId,
          name: NEXT_QUESTION_FUNCTION.name ?? '',
          response: { result: 'ok' },
          scheduling: FunctionResponseScheduling.SILENT,
        },
      ],
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#uplink.flush();
    this.#closed = true;
    this.#session?.close();
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.handlers.closed(code, reason);
  }

  #dispatch(message: LiveServerMessage): void {
    if (this.#closed) return;
    const h = this.handlers;
    const content = message.serverContent;
    if (content) {
      if (content.inputTranscription?.text) h.inputTranscript(content.inputTranscription.text);
      for (const part of content.modelTurn?.parts ?? []) {
        if (part.inlineData?.data && part.inlineData.mimeType?.startsWith('audio/pcm')) {
          h.audio(base64ToBytes(part.inlineData.data));
        }
      }
      if (content.outputTranscription?.text) h.outputTranscript(content.outputTranscription.text);
      if (content.interrupted) h.interrupted();
      if (content.turnComplete) h.turnComplete();
    }
    const update = message.sessionResumptionUpdate;
    if (update?.resumable && update.newHandle) h.resumeHandle(update.newHandle);
    if (message.goAway) h.goAway(durationToMs(message.goAway.timeLeft));
    for (const call of message.toolCall?.functionCalls ?? []) {
      if (!call.id) continue;
      if (call.name === END_INTERVIEW_FUNCTION.name) h.endInterviewCalled(call.id);
      if (call.name === NEXT_QUESTION_FUNCTION.name)
        h.nextQuestionCalled({ id: call.id, number: call.args?.number, topic: call.args?.topic });
    }
  }
}

/** The upstream closed or failed before setup completed. */
export class UpstreamConnectError extends Error {
  override readonly name = 'UpstreamConnectError';
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`upstream closed before setup completed (code ${code})`);
  }
}
