/**
 * Test support: drives the fake with the real, unchanged `@google/genai` SDK and records what it sees.
 * SDK 2.32's connect() never settles when the server closes before setupComplete, so `connected` is
 * meant to be raced against `closed` in those tests.
 */
import {
  GoogleGenAI,
  type LiveConnectConfig,
  type LiveServerMessage,
  Modality,
  type Session,
} from '@google/genai';
import { bytesToBase64 } from '../protocol/base64';
import type { FakeGemini } from './types';

export const TEST_MODEL = 'gemini-2.5-flash-native-audio-preview-09-2025';
export const TEST_KEY = 'test-key';

export interface LiveTestClient {
  /** Resolves once setupComplete arrived (hangs forever if the server closes first: race it with `closed`). */
  connected: Promise<Session>;
  closed: Promise<{ code: number; reason: string }>;
  errors: string[];
  messages: LiveServerMessage[];
  /** First message at or after `from` that matches; rejects if the socket closes first. */
  waitFor(match: (m: LiveServerMessage) => boolean, from?: number): Promise<LiveServerMessage>;
  sendAudio(pcm: Uint8Array): Promise<void>;
}

export const AUDIO_CONFIG: LiveConnectConfig = {
  responseModalities: [Modality.AUDIO],
  inputAudioTranscription: {},
  outputAudioTranscription: {},
};

export function openLiveClient(
  fake: FakeGemini,
  config: LiveConnectConfig = AUDIO_CONFIG,
  options: { apiKey?: string; model?: string } = {},
): LiveTestClient {
  const ai = new GoogleGenAI({
    apiKey: options.apiKey ?? TEST_KEY,
    httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta' },
  });
  const messages: LiveServerMessage[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();
  let closeInfo: { code: number; reason: string } | undefined;
  let onClosed: (info: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    onClosed = resolve;
  });
  const connected = ai.live.connect({
    model: options.model ?? TEST_MODEL,
    config,
    callbacks: {
      onmessage: (m) => {
        messages.push(m);
        for (const w of [...waiters]) w();
      },
      onerror: (e) => {
        errors.push(e.message);
      },
      onclose: (e) => {
        closeInfo = { code: e.code, reason: e.reason };
        onClosed(closeInfo);
        for (const w of [...waiters]) w();
      },
    },
  });
  const client: LiveTestClient = {
    connected,
    closed,
    errors,
    messages,
    waitFor(match, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find(match);
          if (found) {
            waiters.delete(check);
            resolve(found);
          } else if (closeInfo) {
            waiters.delete(check);
            reject(
              new Error(`socket closed (${closeInfo.code} ${closeInfo.reason}) before the awaited message`),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
    async sendAudio(pcm) {
      const session = await connected;
      session.sendRealtimeInput({ audio: { data: bytesToBase64(pcm), mimeType: 'audio/pcm;rate=16000' } });
    },
  };
  return client;
}

export const isTurnComplete = (m: LiveServerMessage) => m.serverContent?.turnComplete === true;
export const isInterrupted = (m: LiveServerMessage) => m.serverContent?.interrupted === true;
export const isAudioChunk = (m: LiveServerMessage) =>
  m.serverContent?.modelTurn?.parts?.some((p) => p.inlineData?.mimeType === 'audio/pcm;rate=24000') ?? false;

/** Concatenated output transcription between message indexes. */
export function outputText(messages: LiveServerMessage[], from = 0, to = messages.length): string {
  return messages
    .slice(from, to)
    .map((m) => m.serverContent?.outputTranscription?.text ?? '')
    .join('');
}

export function audioOut(messages: LiveServerMessage[], from = 0, to = messages.length): Buffer {
  return Buffer.concat(
    messages
      .slice(from, to)
      .flatMap((m) => m.serverContent?.modelTurn?.parts ?? [])
      .map((p) => Buffer.from(p.inlineData?.data ?? '', 'base64')),
  );
}
