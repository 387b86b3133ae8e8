/** Public types of the fake Gemini Live server; `index.ts` re-exports them. */

export interface ScriptedTurn {
  /** What the candidate said before this turn; sent as `inputTranscription` when the answer was spoken. */
  candidate?: string;
  /** What the interviewer says; streamed as `outputTranscription` fragments. */
  interviewer: string;
  /** This turn starts a question of the plan: announced with a `next_question` call when declared. */
  question?: { number: number; topic: string };
  /** 24 kHz PCM16 mono. Default: a synthesized voice-like signal whose duration fits the text. */
  audio?: Uint8Array;
}

export interface FakeGeminiOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 'scripted'. */
  mode?: 'scripted' | 'simulator';
  /** Scripted mode: turn 0 answers the kick-off, turn i answers the i-th candidate answer; the last is the closing. */
  script?: ScriptedTurn[];
  /** When set, a Live connection with another key completes the upgrade, then closes 1007 after setup. */
  requireApiKey?: string;
  /** Answer every Live upgrade with this HTTP status instead (e.g. 403). */
  rejectUpgradesWith?: number;
  /** Each connection gets `goAway` `goAwayLeadMs` before this, then closes 1011 "Deadline expired…". */
  connectionLifetimeMs?: number;
  /** Default min(60 s, lifetime / 2). */
  goAwayLeadMs?: number;
  /**
   * Fault injection: a connection for which this returns true reads its setup frame and never answers it
   * (a hung connect). Called with the connection's id (1-based, in arrival order).
   */
  hangSetup?: (connectionId: number) => boolean;
  /**
   * Energy VAD: silence that ends an answer. Default: the setup's
   * `realtimeInputConfig.automaticActivityDetection.silenceDurationMs`, as the real service does, else 800 ms.
   */
  endOfSpeechSilenceMs?: number;
  /** 0 = send chunks as fast as possible (scripted default), 1 = real time (simulator default). */
  audioPace?: number;
  /**
   * How long candidate speech counts as barge-in: 'played' (default) until the turn's audio has played out
   * at 1x, as a listener hears it; 'generated' only until turnComplete is sent, as the service generates it.
   */
  interruptibleUntil?: 'played' | 'generated';
  /** Audio chunk length. Default 40 ms. */
  chunkMs?: number;
  /** Delay between the end of an answer and the first chunk of the reply. Default 0 (simulator: 350 ms). */
  responseDelayMs?: number;
  /** Simulator: path of interviews.json. Default: relay/interviews/interviews.json next to this folder. */
  interviewsPath?: string;
  /** Simulator: folder holding `<template-id>/manifest.json` + WAVs. Default: ./clips beside this file. */
  clipsDir?: string;
  /**
   * Keep closed connections, every client frame and the received audio for inspection. Default true;
   * startSimulator sets false so a long-running `npm start` does not grow with every interview (then
   * `frames`, `audioIn()` and `audioChunks()` stay empty and closed connections leave `connections`).
   */
  retainHistory?: boolean;
  /**
   * Answers for the next REST generateContent calls, in order (then the simulated grader): `text` is the
   * model's whole output. A truncated one is what the real service sends with `finishReason: 'MAX_TOKENS'`.
   */
  generateContent?: ScriptedGeneration[];
  /** Structured log sink; nothing is printed by default. */
  log?: (entry: Record<string, unknown>) => void;
  /** Observes every parsed client frame as it arrives, even with `retainHistory: false` (the benchmark's probe). */
  onClientFrame?: (connectionId: number, frame: Record<string, unknown>) => void;
}

export interface FakeConnection {
  readonly id: number;
  /** Request path without the query, e.g. `//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent`. */
  readonly path: string;
  readonly apiKey: string | undefined;
  /** Ephemeral token from `?access_token=` or `Authorization: Token …`. */
  readonly accessToken: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The parsed `setup` object; rejects if the connection closes before a setup frame. */
  readonly setup: Promise<Record<string, unknown>>;
  /** Every parsed client frame in order. */
  readonly frames: unknown[];
  readonly conversation: FakeConversation;
  /** Resolves once `count` valid client frames have been received and fully handled (or the socket closed). */
  waitForFrames(count: number): Promise<void>;
  /** Sends a raw server message as pretty binary JSON. */
  send(message: object): void;
  /** Sends `goAway` (default timeLeft "10s"). */
  goAway(timeLeft?: string): void;
  /** Closes with a code and a reason truncated to 123 bytes. */
  close(code: number, reason?: string): void;
  /** Destroys the TCP socket without a close frame (the client sees 1006). */
  drop(): void;
  readonly closed: Promise<{ code: number; reason: string }>;
}

export interface SpokenTurn {
  role: 'candidate' | 'interviewer';
  text: string;
}

export interface FakeConversation {
  /** Connections linked by resumption handles, oldest first. */
  readonly connections: FakeConnection[];
  /** All realtimeInput audio bytes received, in order, across connections. */
  audioIn(): Uint8Array;
  /** Each decoded realtimeInput audio payload in order. */
  audioChunks(): Uint8Array[];
  /** What the fake said and heard; an interrupted interviewer turn keeps only what was sent. */
  readonly spokenTurns: SpokenTurn[];
  /** Index of the next interviewer turn (0 before the kick-off reply). */
  readonly turnIndex: number;
  /** Number of interviewer turns (questions plus closing). */
  readonly scriptLength: number;
  /** True once the closing turn has been spoken. */
  readonly finished: boolean;
}

export interface RestRequest {
  path: string;
  /** The request URL as sent, query included (where a key must never be). */
  url: string;
  apiKey: string | undefined;
  body: unknown;
}

export interface FakeGemini {
  /** 'http://127.0.0.1:PORT' → the SDK's `httpOptions.baseUrl`. */
  readonly baseUrl: string;
  readonly connections: FakeConnection[];
  /** The next connection to arrive, or the oldest one that arrived and was not yet taken. */
  nextConnection(): Promise<FakeConnection>;
  readonly restRequests: RestRequest[];
  /** Fault injection: every resumption handle issued so far expires (resuming one fails 1008). */
  expireHandles(): void;
  close(): Promise<void>;
}

/** One scripted REST generateContent answer. */
export interface ScriptedGeneration {
  text: string;
  finishReason?: 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'RECITATION' | 'OTHER';
  /** Answer with the service's error instead, e.g. `{ code: 503, status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' }`. */
  error?: { code: number; status: string; message: string };
  /**
   * Fault injection: called as the request arrives; the answer waits until the returned promise settles
   * (a slow model; a relay restart mid-report).
   */
  hold?: () => Promise<unknown>;
}
