/** The test pages' side of the relay harness commands (see web-test-runner.config.mjs). */
import { executeServerCommand } from '@web/test-runner-commands';
import { base64ToBytes } from '../../../relay/protocol/index';

export interface ScriptedTurn {
  candidate?: string;
  interviewer: string;
  /** This turn starts a question of the plan (the fake calls `next_question`). */
  question?: { number: number; topic: string };
}

export interface Harness {
  id: number;
  relayUrl: string;
}

export interface FakeState {
  connections: number;
  /** The relay still holds its upstream connection to the fake. */
  upstreamOpen: boolean;
  audioInBytes: number;
  spokenTurns: { role: string; text: string }[];
}

export interface HarnessOptions {
  script?: ScriptedTurn[];
  audioPace?: number;
  /** Relay capacity; 0 makes every new session fail with `session-limit`. */
  maxSessions?: number;
  /** A proxy in front of the relay (`relayUrl` is then the proxy's): see transport-proxy.ts. */
  proxy?: 'pass' | 'refuse-websocket' | 'swallow-websocket';
  /** The Worker in workerd instead of the Node relay. */
  runtime?: 'node' | 'worker';
  /** How often the Node relay sends its heartbeat (default 15 s). */
  heartbeatMs?: number;
  /** Node relay only: every template gets this time limit (≥ 60 s; 61 s sends `time-warning` after 1 s). */
  durationLimitSec?: number;
  /** The fake's end-of-answer silence instead of the template's (huge: only `audioStreamEnd` ends an answer). */
  endOfSpeechSilenceMs?: number;
  /**
   * Node relay only: fake Gemini connections live this long (standing for Gemini's ~10 minutes), goAway a
   * tenth of it before the close, replies generated at once.
   */
  longClock?: { connectionLifetimeMs: number };
}

export interface ProxyStats {
  webSocketUpgrades: number;
  eventStreams: number;
  httpRequests: number;
  cuts: number;
}

export function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  return executeServerCommand<Harness, typeof options>('vi-harness-start', options);
}

export function fakeState(harness: Harness): Promise<FakeState> {
  return executeServerCommand<FakeState, { id: number }>('vi-fake-state', { id: harness.id });
}

/** Candidate PCM16 at 16 kHz that the fake Gemini received. */
export async function fakeAudioIn(harness: Harness): Promise<Int16Array> {
  const base64 = await executeServerCommand<string, { id: number }>('vi-fake-audio-in', { id: harness.id });
  const bytes = base64ToBytes(base64);
  return new Int16Array(bytes.buffer, 0, bytes.byteLength >> 1);
}

/** Drops every connection through the harness's proxy at once (a network blip); returns its counters. */
export function stallConnections(harness: Harness): Promise<ProxyStats> {
  return executeServerCommand<ProxyStats, { id: number }>('vi-proxy-stall', { id: harness.id });
}

export function cutConnections(harness: Harness): Promise<ProxyStats> {
  return executeServerCommand<ProxyStats, { id: number }>('vi-proxy-cut', { id: harness.id });
}

export function proxyStats(harness: Harness): Promise<ProxyStats> {
  return executeServerCommand<ProxyStats, { id: number }>('vi-proxy-stats', { id: harness.id });
}

/** Each candidate audio chunk the fake Gemini received, in order (one per frame the relay accepted). */
export async function fakeAudioChunks(harness: Harness): Promise<Uint8Array[]> {
  const chunks = await executeServerCommand<string[], { id: number }>('vi-fake-audio-chunks', {
    id: harness.id,
  });
  return chunks.map((chunk) => base64ToBytes(chunk));
}

/** What docs/report.schema.json says about `report` (validated in Node with Ajv); empty when valid. */
export function reportSchemaErrors(report: unknown): Promise<string[]> {
  return executeServerCommand<string[], { report: unknown }>('vi-report-schema-errors', { report });
}

/**
 * The `event` of every entry the fake Gemini logged, in order: `vad.speechStart`, `control.repeat` /
 * `control.skip` (it received the relay's fixed instruction and obeyed it), `audioStreamEnd.no-speech`…
 */
export function fakeEvents(harness: Harness): Promise<string[]> {
  return executeServerCommand<string[], { id: number }>('vi-fake-events', { id: harness.id });
}

/**
 * Breaks the relay's newest upstream connection: Gemini's 1011, or its TCP connection dropped without a
 * close; `expire-1011`: the fake's handles expire first, so the resume is refused.
 */
export function breakUpstream(
  harness: Harness,
  fault: 'close-1011' | 'drop-tcp' | 'expire-1011',
): Promise<{ connection: number }> {
  return executeServerCommand<{ connection: number }, { id: number; fault: string }>('vi-upstream-break', {
    id: harness.id,
    fault,
  });
}

/** The Node relay's upstream reconnects by cause (`vi_upstream_reconnects_total`) and the fake's connection count. */
export function upstreamReconnects(
  harness: Harness,
): Promise<{ causes: Record<string, number>; connections: number }> {
  return executeServerCommand<{ causes: Record<string, number>; connections: number }, { id: number }>(
    'vi-upstream-reconnects',
    { id: harness.id },
  );
}
