/**
 * One simulated candidate per session, for each kind of target the bench drives: the fake directly (the
 * floor: the Gemini wire format, JSON + base64), a relay over WebSocket (ours or the naive one: binary
 * frames) or over SSE + POST (ours or the seed's polling design). Each session records the latency of every
 * interviewer chunk it receives (from the stamp inside the audio) and counts what went wrong.
 */
import { WebSocket } from 'ws';
import { AudioKind, encodeAudioFrame } from '../../protocol/audio-frame';
import { BENCH_KEY } from './bench-key';
import { nowMs, readStamp, readStampBase64 } from './stamp';

/** `ours-ws-batched`: ours with UPLINK_BATCH_MS=40 (candidate frames joined in pairs toward Gemini). */
/**
 * `pipe-ws`: the floor's client through the pipe (pipe-relay.ts), which copies every message both ways;
 * `tcp-pipe-ws` through a TCP proxy that copies bytes (experiments only: BENCH_ONLY).
 */
export type TargetKind =
  | 'direct'
  | 'pipe-ws'
  | 'tcp-pipe-ws'
  | 'ours-ws'
  | 'ours-ws-batched'
  | 'ours-sse'
  | 'naive-ws'
  | 'seed-sse';

export interface Tally {
  downlink: number[];
  received: number;
  /** Interviewer turns that ended while recording (ours only: the naive relay forwards audio alone). */
  turns: number;
  sent: number;
  errors: number;
  errorSamples: string[];
}

export function newTally(): Tally {
  return { downlink: [], received: 0, turns: 0, sent: 0, errors: 0, errorSamples: [] };
}

export interface BenchSession {
  ready: Promise<void>;
  /** One candidate frame (already stamped); SSE sessions batch `batchFrames` of them per POST. */
  sendFrame(seq: number, pcm: Uint8Array): void;
  close(): void;
}

const ORIGIN = 'http://bench.test';
const LIVE_PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

function fail(tally: Tally, what: string): void {
  tally.errors += 1;
  if (tally.errorSamples.length < 5) tally.errorSamples.push(what);
}

function onInterviewerPcm(tally: Tally, recording: () => boolean, bytes: Uint8Array, offset: number): void {
  if (!recording()) return;
  tally.received += 1;
  tally.downlink.push(nowMs() - readStamp(bytes, offset));
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** The floor: a client speaking Gemini's own wire format straight to the fake. */
function directSession(url: string, tally: Tally, recording: () => boolean): BenchSession {
  const ready = deferred();
  const ws = new WebSocket(`${url.replace('http', 'ws')}${LIVE_PATH}?key=${BENCH_KEY}`);
  ws.on('open', () => ws.send(JSON.stringify({ setup: { model: 'models/bench-live' } })));
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as {
      setupComplete?: object;
      serverContent?: { modelTurn?: { parts?: { inlineData?: { data?: string } }[] } };
    };
    if (msg.setupComplete) ready.resolve();
    for (const part of msg.serverContent?.modelTurn?.parts ?? []) {
      const b64 = part.inlineData?.data;
      if (b64 && recording()) {
        tally.received += 1;
        tally.downlink.push(nowMs() - readStampBase64(b64));
      }
    }
  });
  ws.on('error', (e) => fail(tally, `direct: ${e.message}`));
  ws.on('close', (code) => ready.reject(new Error(`direct closed ${code}`)));
  return {
    ready: ready.promise,
    sendFrame: (_seq, pcm) => {
      tally.sent += 1;
      ws.send(
        JSON.stringify({
          realtimeInput: {
            audio: { data: Buffer.from(pcm).toString('base64'), mimeType: 'audio/pcm;rate=16000' },
          },
        }),
      );
    },
    close: () => ws.terminate(),
  };
}

/** Ready on the first interviewer audio: the upstream is up and the greeting has begun. */
const FIRST_AUDIO = 'first-audio';

/** A WebSocket client of ours (`/v1/sessions/{id}/ws`) or of the naive relay (`/ws`): binary frames both ways. */
function wsSession(wsUrl: string, readyEvent: string, tally: Tally, recording: () => boolean): BenchSession {
  const ready = deferred();
  let closing = false;
  const ws = new WebSocket(wsUrl, { headers: { origin: ORIGIN } });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      if (data[0] !== AudioKind.Interviewer) return;
      if (readyEvent === FIRST_AUDIO) ready.resolve();
      onInterviewerPcm(tally, recording, data, 12);
      return;
    }
    const event = JSON.parse(data.toString('utf8')) as { type?: string; code?: string };
    if (event.type === readyEvent) ready.resolve();
    if (event.type === 'turn-complete' && recording()) tally.turns += 1;
    if (event.type === 'error') fail(tally, `ws error event: ${event.code}`);
  });
  ws.on('error', (e) => fail(tally, `ws: ${e.message}`));
  ws.on('close', (code) => {
    ready.reject(new Error(`ws closed ${code}`));
    if (!closing) fail(tally, `ws closed ${code}`);
  });
  return {
    ready: ready.promise,
    sendFrame: (seq, pcm) => {
      tally.sent += 1;
      if (ws.readyState === ws.OPEN) ws.send(encodeAudioFrame(AudioKind.Candidate, seq, pcm));
    },
    close: () => {
      closing = true;
      ws.terminate();
    },
  };
}

/** Reads an SSE stream, handing each `event:`/`data:` pair to `onEvent`. */
async function readSse(response: Response, onEvent: (event: string, data: string) => void): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      onEvent(event, data);
      end = buffer.indexOf('\n\n');
    }
  }
}

/** SSE downlink + POST uplink: ours (`/v1/sessions/{id}/events` + `/audio`) or the seed's design. */
function sseSession(
  endpoints: { events: string; audio: string; headers: Record<string, string> },
  readyEvent: string,
  batchFrames: number,
  tally: Tally,
  recording: () => boolean,
): BenchSession {
  const ready = deferred();
  const abort = new AbortController();
  let batch: Uint8Array[] = [];
  void fetch(endpoints.events, {
    headers: { ...endpoints.headers, accept: 'text/event-stream' },
    signal: abort.signal,
  })
    .then((response) => {
      if (!response.ok) throw new Error(`events ${response.status}`);
      return readSse(response, (event, data) => {
        if (event === readyEvent) ready.resolve();
        else if (event === 'audio') {
          const frame = Buffer.from(data, 'base64');
          if (frame[0] === AudioKind.Interviewer) onInterviewerPcm(tally, recording, frame, 12);
        } else if (event === 'error') fail(tally, `sse error event: ${data.slice(0, 80)}`);
      });
    })
    .catch((e: unknown) => {
      ready.reject(e instanceof Error ? e : new Error(String(e)));
      if (!abort.signal.aborted) fail(tally, `sse: ${String(e)}`);
    });
  const post = (frames: Uint8Array[]): void => {
    void fetch(endpoints.audio, {
      method: 'POST',
      headers: { ...endpoints.headers, 'content-type': 'application/octet-stream' },
      body: Buffer.concat(frames),
      signal: abort.signal,
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) fail(tally, `POST audio ${response.status}`);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) fail(tally, `POST audio: ${String(e)}`);
      });
  };
  return {
    ready: ready.promise,
    sendFrame: (seq, pcm) => {
      tally.sent += 1;
      batch.push(encodeAudioFrame(AudioKind.Candidate, seq, pcm));
      if (batch.length >= batchFrames) {
        post(batch);
        batch = [];
      }
    },
    close: () => abort.abort(),
  };
}

export interface OpenOptions {
  kind: TargetKind;
  url: string;
  batchFrames: number;
  /**
   * Ours: ready once the greeting starts rather than once it has played out (the candidate listens to it in
   * the window). WebSocket only.
   */
  readyBeforeGreeting?: boolean;
  tally: Tally;
  recording: () => boolean;
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body).slice(0, 120)}`);
  return body;
}

export async function openSession(o: OpenOptions): Promise<BenchSession> {
  const { kind, url, tally, recording } = o;
  if (kind === 'direct' || kind === 'pipe-ws' || kind === 'tcp-pipe-ws')
    return directSession(url, tally, recording);
  if (kind === 'naive-ws') return wsSession(`${url.replace('http', 'ws')}/ws`, 'ready', tally, recording);
  if (kind === 'seed-sse') {
    const { id } = await json(`${url}/session`, { method: 'POST' });
    const q = `?session=${String(id)}`;
    return sseSession(
      { events: `${url}/events${q}`, audio: `${url}/audio${q}`, headers: {} },
      'ready',
      o.batchFrames,
      tally,
      recording,
    );
  }
  const created = await json(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ interview: 'frontend-mid' }),
  });
  const base = `${url}/v1/sessions/${String(created.sessionId)}`;
  const token = String(created.token);
  // Ending the session (not just leaving it to the reconnect grace) frees its upstream before the next step.
  const end = (session: BenchSession): BenchSession => ({
    ...session,
    close: () => {
      session.close();
      void fetch(base, { method: 'DELETE', headers: { origin: ORIGIN, authorization: `Bearer ${token}` } })
        .then((r) => r.arrayBuffer())
        .catch(() => {});
    },
  });
  // Ready once the greeting has played out: the measured window then holds only the paced traffic.
  const readyEvent = o.readyBeforeGreeting ? FIRST_AUDIO : 'turn-complete';
  if (kind === 'ours-ws' || kind === 'ours-ws-batched')
    return end(wsSession(`${base.replace('http', 'ws')}/ws?token=${token}`, readyEvent, tally, recording));
  return end(
    sseSession(
      {
        events: `${base}/events?token=${token}`,
        audio: `${base}/audio`,
        headers: { origin: ORIGIN, authorization: `Bearer ${token}` },
      },
      readyEvent,
      o.batchFrames,
      tally,
      recording,
    ),
  );
}
