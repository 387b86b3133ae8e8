/**
 * Node side of the browser tests: real relays in front of fake Gemini servers, started on demand and exposed
 * to test pages through wtr commands (see web-test-runner.config.mjs). Each harness is one fake + one relay.
 */

import { bundledTemplates, type TemplateCatalog } from '../../../relay/core/interview-templates';
import {
  type FakeConnection,
  type FakeGemini,
  type ScriptedTurn,
  startFakeGemini,
} from '../../../relay/fake-gemini/index';
import { startRelay } from '../../../relay/node/start-relay';
import { startWorkerStack } from '../../../relay/test-support/worker-stack';
import { type ProxyMode, type ProxyStats, startTransportProxy, type TransportProxy } from './transport-proxy';

export interface HarnessOptions {
  /** Interviewer lines; default {@link DEFAULT_TEST_SCRIPT}. */
  script?: ScriptedTurn[];
  /** 0: audio as fast as possible; 1: real time. */
  audioPace?: number;
  /** Relay capacity; 0 makes every new session fail with `session-limit`. */
  maxSessions?: number;
  /** Put a {@link TransportProxy} in this mode in front of the relay; `relayUrl` is then the proxy's. */
  proxy?: ProxyMode;
  /** The Worker in workerd (Miniflare) instead of the Node relay. */
  runtime?: 'node' | 'worker';
  /** How often the Node relay sends its heartbeat (default 15 s). */
  heartbeatMs?: number;
  /** Node relay only: every template gets this time limit (≥ 60 s; 61 s sends `time-warning` after 1 s). */
  durationLimitSec?: number;
  /** The fake's end-of-answer silence instead of the template's (huge: only `audioStreamEnd` ends an answer). */
  endOfSpeechSilenceMs?: number;
  /** Node relay only: an accelerated Gemini clock (see {@link LongClock}). */
  longClock?: LongClock;
}

/**
 * Node relay only: the fake's connections live `connectionLifetimeMs` (standing for Gemini's ~10 minutes),
 * with goAway a tenth of that before the close (Gemini's ~60 s), replies generated at once, and 600 ms of
 * silence ending a spoken answer (instead of the template's 1.8 s; longer than the 0.3 s pause inside the
 * fixture's sentence) so the spoken answer fits in one connection.
 */
export interface LongClock {
  connectionLifetimeMs: number;
}

/** The bundled templates, each with its time limit replaced. */
function withTimeLimit(durationLimitSec: number): TemplateCatalog {
  return new Map([...bundledTemplates].map(([id, template]) => [id, { ...template, durationLimitSec }]));
}

export interface HarnessInfo {
  id: number;
  /** Where the widget should connect: the proxy when there is one, else the relay. */
  relayUrl: string;
}

/** A long greeting, so the candidate (who starts speaking 1.5 s in) barges into it. */
export const DEFAULT_TEST_SCRIPT: ScriptedTurn[] = [
  {
    interviewer:
      'Hi, I am Maya and I will be your interviewer today. Thanks for making the time. To start, please tell me ' +
      'about a recent project you are proud of, what your role was, and what you would do differently.',
  },
  {
    candidate: 'Hello. Last year I built a design system.',
    interviewer: 'Nice. How did you keep it accessible?',
  },
  { candidate: 'With tests.', interviewer: 'Thank you, that is all for today.' },
];

interface Harness {
  fake: FakeGemini;
  /** The `event` of every entry the fake logged (VAD, controls it obeyed, audioStreamEnd without speech…). */
  fakeEvents: string[];
  proxy: TransportProxy | undefined;
  /** Node relay only: its upstream reconnect counter, by cause. */
  reconnects: ((cause: string) => number) | undefined;
  close(): Promise<void>;
}

const harnesses = new Map<number, Harness>();
let nextId = 1;

async function startRuntime(
  options: HarnessOptions,
  fakeEvents: string[],
): Promise<{
  fake: FakeGemini;
  url: string;
  reconnects?: (cause: string) => number;
  close(): Promise<void>;
}> {
  const script = options.script ?? DEFAULT_TEST_SCRIPT;
  const audioPace = options.audioPace ?? 0;
  const log = (entry: Record<string, unknown>) => {
    if (typeof entry.event === 'string') fakeEvents.push(entry.event);
  };
  const silence =
    options.endOfSpeechSilenceMs === undefined ? {} : { endOfSpeechSilenceMs: options.endOfSpeechSilenceMs };
  const maxSessions = options.maxSessions === undefined ? {} : { maxSessions: options.maxSessions };
  if (options.runtime === 'worker') {
    const stack = await startWorkerStack({
      fake: { script, audioPace, log, ...silence },
      relay: { allowedOrigins: '*', ...maxSessions },
    });
    return { fake: stack.fake, url: stack.url, close: () => stack.close() };
  }
  const lifetime = options.longClock?.connectionLifetimeMs;
  const fake = await startFakeGemini({
    script,
    audioPace,
    log,
    ...silence,
    ...(lifetime
      ? {
          connectionLifetimeMs: lifetime,
          goAwayLeadMs: lifetime / 10,
          interruptibleUntil: 'generated' as const,
          endOfSpeechSilenceMs: 600,
        }
      : {}),
  });
  const relay = await startRelay({
    config: {
      geminiBaseUrl: fake.baseUrl,
      geminiApiKey: 'test-key',
      allowedOrigins: '*',
      ...maxSessions,
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    },
    logSink: () => undefined,
    ...(options.durationLimitSec ? { catalog: withTimeLimit(options.durationLimitSec) } : {}),
  });
  return {
    fake,
    url: relay.url,
    reconnects: (cause) => relay.metrics.registry.value('vi_upstream_reconnects_total', { cause }),
    async close() {
      await relay.close();
      await fake.close();
    },
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<HarnessInfo> {
  const fakeEvents: string[] = [];
  const runtime = await startRuntime(options, fakeEvents);
  const proxy = options.proxy ? await startTransportProxy(runtime.url, options.proxy) : undefined;
  const id = nextId++;
  harnesses.set(id, {
    fake: runtime.fake,
    fakeEvents,
    proxy,
    reconnects: runtime.reconnects,
    async close() {
      await proxy?.close();
      await runtime.close();
    },
  });
  return { id, relayUrl: proxy?.url ?? runtime.url };
}

function proxyOf(id: number): TransportProxy {
  const { proxy } = harness(id);
  if (!proxy) throw new Error(`test harness ${id} has no proxy`);
  return proxy;
}

/** Drops every connection through the harness's proxy (a network blip). */
export function cutConnections(id: number): ProxyStats {
  const proxy = proxyOf(id);
  proxy.cut();
  return { ...proxy.stats };
}

/** Freezes every connection through the harness's proxy without closing it (a silent network loss). */
export function stallConnections(id: number): ProxyStats {
  const proxy = proxyOf(id);
  proxy.stall();
  return { ...proxy.stats };
}

export function proxyStats(id: number): ProxyStats {
  return { ...proxyOf(id).stats };
}

export type UpstreamFault = 'close-1011' | 'drop-tcp' | 'expire-1011';

/**
 * Breaks the relay's newest upstream connection: Gemini's 1011, or the TCP connection gone without a close;
 * `expire-1011`: every handle expires first, so the relay's resume is refused (1008).
 */
export function breakUpstream(id: number, fault: UpstreamFault): { connection: number } {
  const { fake } = harness(id);
  const connection = fake.connections.at(-1);
  if (!connection) throw new Error(`harness ${id} has no upstream connection`);
  if (fault === 'expire-1011') fake.expireHandles();
  if (fault === 'drop-tcp') connection.drop();
  else connection.close(1011, 'Internal error encountered.');
  return { connection: fake.connections.length };
}

/** The Node relay's `vi_upstream_reconnects_total` by cause, and how many upstream connections the fake saw. */
export function upstreamReconnects(id: number): { causes: Record<string, number>; connections: number } {
  const { fake, reconnects } = harness(id);
  if (!reconnects) throw new Error(`harness ${id} has no Node relay metrics`);
  const causes: Record<string, number> = {};
  for (const cause of ['goaway', 'rollover', 'deadline', 'unavailable', 'lost', 'other', 'continuation'])
    causes[cause] = reconnects(cause);
  return { causes, connections: fake.connections.length };
}

function harness(id: number): Harness {
  const found = harnesses.get(id);
  if (!found) throw new Error(`no test harness ${id}`);
  return found;
}

const closedConnections = new WeakSet<FakeConnection>();
const watchedConnections = new WeakSet<FakeConnection>();

function watch(connection: FakeConnection): void {
  if (watchedConnections.has(connection)) return;
  watchedConnections.add(connection);
  void connection.closed.then(() => closedConnections.add(connection));
}

/** What the newest fake connection of a harness has received and said, and whether the relay still holds it. */
export async function fakeState(id: number): Promise<{
  connections: number;
  upstreamOpen: boolean;
  audioInBytes: number;
  spokenTurns: { role: string; text: string }[];
}> {
  const { fake } = harness(id);
  for (const connection of fake.connections) watch(connection);
  const connection = fake.connections.at(-1);
  // The conversation exists once the relay's setup frame arrived (or the connection closed without one).
  await connection?.setup.catch(() => undefined);
  return {
    connections: fake.connections.length,
    upstreamOpen: connection !== undefined && !closedConnections.has(connection),
    audioInBytes: connection?.conversation.audioIn().byteLength ?? 0,
    spokenTurns: connection ? [...connection.conversation.spokenTurns] : [],
  };
}

/**
 * Each candidate audio chunk the conversation received (across resumed connections), base64, in order.
 * The relay forwards one chunk per candidate frame, so this is the frame sequence as Gemini saw it.
 */
export async function fakeAudioChunks(id: number): Promise<string[]> {
  const connection = harness(id).fake.connections.at(-1);
  await connection?.setup.catch(() => undefined);
  return (connection?.conversation.audioChunks() ?? []).map((chunk) => Buffer.from(chunk).toString('base64'));
}

/** All candidate PCM16 (16 kHz) the newest fake connection received, base64. */
export async function fakeAudioIn(id: number): Promise<string> {
  const connection = harness(id).fake.connections.at(-1);
  await connection?.setup.catch(() => undefined);
  return Buffer.from(connection?.conversation.audioIn() ?? new Uint8Array()).toString('base64');
}

/** What the fake logged so far, in order (see {@link Harness.fakeEvents}). */
export function fakeEvents(id: number): string[] {
  return [...harness(id).fakeEvents];
}

export async function stopAllHarnesses(): Promise<void> {
  const all = [...harnesses.values()];
  harnesses.clear();
  await Promise.all(all.map((entry) => entry.close()));
}
