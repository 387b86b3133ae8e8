/**
 * Bench process 1: the fake Gemini Live server (the real one from relay/fake-gemini), plus a probe that
 * time-stamps every uplink audio frame as it arrives. By default a pacer streams interviewer audio to every
 * live connection at real-time pace (40 ms chunks of 24 kHz PCM, each stamped with its send time), whatever
 * the candidate does: the steady load of the latency and capacity windows.
 *
 * `fake-proc.ts interview`: no pacer; the fake's own turn-taking speaks, as in an interview. It answers each
 * spoken answer (its energy VAD, the template's end-of-speech silence) with a question streamed at real-time
 * pace, then ends the turn and issues a resumption handle, as Gemini does. The memory section runs on it.
 */
import { startFakeGemini } from '../../fake-gemini/index';
import { BENCH_KEY } from './bench-key';
import { serve } from './child-rpc';
import { slotsDue, tickMs } from './phases';
import { FRAME_BYTES, nowMs, readStamp, STAMP_BYTES, summarize, writeStamp } from './stamp';

const CHUNK_MS = 40;
const interview = process.argv[2] === 'interview';
/** Questions of 2–4 s once synthesized (the greeting too); more turns than a memory window reaches. */
const QUESTIONS = [
  'Thanks. What was the hardest part of that project?',
  'I see. How did you test it?',
  'Good. What would you change next time?',
  'How did the team split the work?',
  'What did you learn from it?',
  'How did you measure success?',
  'What went wrong, and how did you notice?',
  'Thank you, that is all for today.',
];

let recording = false;
let uplink: number[] = [];
let uplinkFrames = 0;
const ready = new Set<{ send(m: object): void }>();

const fake = await startFakeGemini({
  requireApiKey: BENCH_KEY,
  retainHistory: false,
  script: interview
    ? [
        { interviewer: 'Hello. Could you tell me about a recent project?' },
        ...QUESTIONS.map((interviewer) => ({ interviewer })),
      ]
    : [{ interviewer: 'Hello.' }, { interviewer: 'Go on.' }, { interviewer: 'Thanks.' }],
  interruptibleUntil: 'generated',
  // An interview streams each answer at the pace it is spoken; the pacer's windows need the greeting at once.
  audioPace: interview ? 1 : 0,
  onClientFrame: (_id, frame) => {
    if (!recording) return;
    const audio = (frame.realtimeInput as { audio?: { data?: unknown } } | undefined)?.audio;
    if (typeof audio?.data !== 'string') return;
    // A message may carry several 20 ms frames (the relay batches): each has its own stamp.
    const now = nowMs();
    const pcm = Buffer.from(audio.data, 'base64');
    for (let at = 0; at + STAMP_BYTES <= pcm.byteLength; at += FRAME_BYTES) {
      uplinkFrames += 1;
      uplink.push(now - readStamp(pcm, at));
    }
  },
});

// Each chunk: 18 stamped bytes (base64'd per send) + a constant remainder (base64'd once): 18 is a multiple of 3.
const HEAD = 18;
const head = new Uint8Array(HEAD);
/** `pace` > 1 sends longer chunks at the same rate (audio piles up faster, the message rate stays). */
const tailFor = (pace: number) => Buffer.from(new Uint8Array(CHUNK_MS * 48 * pace - HEAD)).toString('base64');
let tail = tailFor(1);
if (HEAD < STAMP_BYTES) throw new Error('stamp does not fit');

let pacer: ReturnType<typeof setInterval> | undefined;
let downlinkSent = 0;

function sendChunk(connection: { send(m: object): void }): void {
  writeStamp(head, nowMs());
  connection.send({
    serverContent: {
      modelTurn: {
        parts: [
          {
            inlineData: {
              mimeType: 'audio/pcm;rate=24000',
              data: Buffer.from(head).toString('base64') + tail,
            },
          },
        ],
      },
    },
  });
  downlinkSent += 1;
}

/** Interviewer audio at `pace` to every ready connection, each at its own phase (phases.ts). */
function startPacer(pace: number): void {
  let order: { send(m: object): void }[] = [];
  let started = nowMs();
  let due = 0;
  const periodMs = CHUNK_MS / pace;
  pacer = setInterval(() => {
    // The set of ready connections changed: count slots afresh over the new set.
    if (order.length !== ready.size) {
      order = [...ready];
      started = nowMs();
      due = 0;
    }
    const n = Math.max(1, order.length);
    const target = slotsDue(nowMs() - started, n, periodMs);
    for (; due < target; due++) {
      const connection = order[due % n];
      if (connection) sendChunk(connection);
    }
  }, tickMs(periodMs));
}

serve({
  hello: () => ({ url: fake.baseUrl }),
  connections: () => fake.connections.length,
  /** Tracks connections whose setup completed: those receive the paced audio. */
  track: () => {
    ready.clear();
    for (const c of fake.connections)
      void c.setup.then(
        () => ready.add(c),
        () => {},
      );
    return ready.size;
  },
  start: (arg) => {
    const { pace = 1 } = (arg ?? {}) as { pace?: number };
    tail = tailFor(pace);
    for (const c of fake.connections)
      void c.setup.then(
        () => ready.add(c),
        () => {},
      );
    uplink = [];
    uplinkFrames = 0;
    downlinkSent = 0;
    recording = true;
    if (interview) return ready.size;
    startPacer(pace);
    return ready.size;
  },
  stop: () => {
    clearInterval(pacer);
    recording = false;
    ready.clear();
    const result = { uplink: summarize(uplink), uplinkFrames, downlinkSent };
    uplink = [];
    return result;
  },
});
