/**
 * Bench process 2: the load generator. `connect` opens N sessions against one target (a few at a time, as
 * a crowd of browsers would) and waits until each is ready; `start` streams one stamped 20 ms candidate
 * frame per session per 20 ms, without drift, each session at its own phase (phases.ts); `stop` returns the interviewer-audio latencies and the tally.
 * The frames are silence unless `start` is given an {@link AnswerSchedule}: then each candidate answers.
 */
import { type BenchSession, newTally, openSession, type Tally, type TargetKind } from './bench-sessions';
import { serve } from './child-rpc';
import { slotsDue, tickMs } from './phases';
import { FRAME_BYTES, nowMs, summarize, writeStamp } from './stamp';

const FRAME_MS = 20;
const CONNECT_CONCURRENCY = 20;
const READY_TIMEOUT_MS = 20_000;

let sessions: BenchSession[] = [];
let tally: Tally = newTally();
let recording = false;
let ticker: ReturnType<typeof setInterval> | undefined;
let expectedFrames = 0;

/**
 * A candidate in an interview: silent for `firstMs` (the greeting plays), then, every `cycleMs`, speaks for
 * `speechMs` and listens for the rest (the question after the answer fits in it). Session i is shifted by
 * i/N of a cycle, so a snapshot of N sessions sees every phase of a turn alike.
 */
export interface AnswerSchedule {
  firstMs: number;
  cycleMs: number;
  speechMs: number;
}

/** A voiced frame: a 220 Hz tone at a third of full scale (the fake's energy VAD hears it as speech). */
function speechFrame(frameIndex: number): Uint8Array {
  const pcm = new Int16Array(FRAME_BYTES / 2);
  for (let i = 0; i < pcm.length; i++) {
    const t = (frameIndex * pcm.length + i) / 16_000;
    pcm[i] = Math.round(10_000 * Math.sin(2 * Math.PI * 220 * t));
  }
  return new Uint8Array(pcm.buffer);
}

function speaking(schedule: AnswerSchedule | undefined, session: number, atMs: number): boolean {
  if (!schedule || atMs < schedule.firstMs) return false;
  const shift = (session * schedule.cycleMs) / Math.max(1, sessions.length);
  return (atMs - schedule.firstMs + shift) % schedule.cycleMs < schedule.speechMs;
}

async function connect(arg: {
  kind: TargetKind;
  url: string;
  count: number;
  batchFrames?: number;
  readyBeforeGreeting?: boolean;
}) {
  tally = newTally();
  sessions = [];
  let next = 0;
  let failed = 0;
  let ready = 0;
  const worker = async (): Promise<void> => {
    while (next < arg.count) {
      next += 1;
      try {
        const session = await openSession({
          kind: arg.kind,
          url: arg.url,
          batchFrames: arg.batchFrames ?? 1,
          readyBeforeGreeting: arg.readyBeforeGreeting ?? false,
          tally,
          recording: () => recording,
        });
        sessions.push(session);
        await Promise.race([
          session.ready,
          new Promise((_, reject) => setTimeout(() => reject(new Error('ready timeout')), READY_TIMEOUT_MS)),
        ]);
        ready += 1;
      } catch (error) {
        failed += 1;
        if (tally.errorSamples.length < 5) tally.errorSamples.push(`connect: ${String(error)}`);
      }
    }
  };
  const t0 = nowMs();
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  return { connected: ready, failed, ms: nowMs() - t0 };
}

function start(schedule?: AnswerSchedule): void {
  recording = true;
  const started = nowMs();
  const n = Math.max(1, sessions.length);
  let due = 0;
  expectedFrames = 0;
  ticker = setInterval(() => {
    const target = slotsDue(nowMs() - started, n, FRAME_MS);
    for (; due < target; due++) {
      const frame = Math.floor(due / n);
      const i = due % n;
      const session = sessions[i];
      if (!session) continue;
      const pcm = speaking(schedule, i, frame * FRAME_MS) ? speechFrame(frame) : new Uint8Array(FRAME_BYTES);
      writeStamp(pcm, nowMs());
      session.sendFrame(frame + 1, pcm);
      expectedFrames += 1;
    }
  }, tickMs(FRAME_MS));
}

function stop() {
  clearInterval(ticker);
  recording = false;
  return {
    downlink: summarize(tally.downlink),
    received: tally.received,
    turns: tally.turns,
    sent: tally.sent,
    expectedFrames,
    errors: tally.errors,
    errorSamples: tally.errorSamples,
  };
}

function closeAll(): number {
  for (const session of sessions) session.close();
  const n = sessions.length;
  sessions = [];
  return n;
}

serve({
  hello: () => 'ok',
  connect: (arg) => connect(arg as Parameters<typeof connect>[0]),
  start: (arg) => start(arg as AnswerSchedule | undefined),
  stop: () => stop(),
  close: () => closeAll(),
});
