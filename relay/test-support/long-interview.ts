/**
 * A long interview through every upstream limit and fault, at an accelerated clock: the fake Gemini's
 * connections live `lifetimeMs` (Gemini's ~10 minutes), so a 45-minute interview is 4.5 lifetimes. Along
 * the way: goAway rollovers, one 1011, one dropped upstream TCP connection and one client network drop
 * (the client comes back with its cursor and resends the audio the relay had not acknowledged, as the
 * widget does). Shared by relay/test/long-interview.test.ts (asserts) and relay/bench/resilience.bench.ts
 * (reports the switch windows).
 */
import type { FakeConnection } from '../fake-gemini/index';
import { makeSilencePcm, makeSpeechPcm } from '../fake-gemini/index';
import { LONG_SCRIPT } from './long-script';
import { CANARY_KEY, type NodeStack, startNodeStack } from './node-stack';
import { frameStamp, stampFrame, toFrames } from './pcm-frames';
import { RelayTestClient } from './relay-test-client';

/** What happens after each candidate answer (1-based), before the next one. */
type Step = 'rollover' | 'close-1011' | 'drop-upstream' | 'drop-client';
const AFTER_ANSWER: Record<number, Step> = {
  1: 'rollover',
  2: 'rollover',
  3: 'close-1011',
  4: 'rollover',
  5: 'drop-upstream',
  6: 'drop-client',
  7: 'rollover',
  9: 'rollover',
};

export interface LongInterviewResult {
  /** Final transcript turns the client holds. */
  transcript: { role: string; text: string }[];
  /** The spoken turns the script defines, in order. */
  expected: { role: string; text: string }[];
  /** Sequence stamps of the candidate frames the fake received, in arrival order, across connections. */
  receivedSeqs: number[];
  /** How many candidate frames the client produced (seq 1..sent). */
  sent: number;
  connections: number;
  /** Upstream connections refused because a resume was attempted while the old socket was open. */
  refusedResumes: number;
  reconnects: Record<string, number>;
  /** Client-side time from each `upstream-reconnecting` notice to the next `upstream-resumed`, in ms. */
  switchWindowsMs: number[];
  elapsedMs: number;
  lifetimeMs: number;
  /** elapsedMs on Gemini's clock (a connection lifetime standing for 10 minutes). */
  simulatedMinutes: number;
}

export async function runLongInterview(lifetimeMs = 1_000): Promise<LongInterviewResult> {
  const stack: NodeStack = await startNodeStack({
    fake: {
      requireApiKey: CANARY_KEY,
      script: LONG_SCRIPT,
      connectionLifetimeMs: lifetimeMs,
      // Gemini's goAway comes about 60 s before its 10-minute close: the same proportion here.
      goAwayLeadMs: lifetimeMs / 10,
      interruptibleUntil: 'generated',
      endOfSpeechSilenceMs: 300,
      chunkMs: 200,
    },
  });
  try {
    return await drive(stack, lifetimeMs);
  } finally {
    await stack.close();
  }
}

async function drive(stack: NodeStack, lifetimeMs: number): Promise<LongInterviewResult> {
  const { fake, relay } = stack;
  const started = performance.now();
  const client = await RelayTestClient.create(relay.url, 'frontend-mid', { origin: 'http://allowed.test' });
  const noticeTimes: { code: string; at: number }[] = [];
  const produced: Uint8Array[] = [];
  let connected = true;
  const resumed = (): number =>
    client.events.filter((e) => e.type === 'notice' && e.code === 'upstream-resumed').length;
  client.onReceived = (item) => {
    if (item.kind === 'event' && item.event.type === 'notice')
      noticeTimes.push({ code: item.event.code, at: performance.now() });
  };
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');

  const answer = (): void => {
    const speech = toFrames(makeSpeechPcm(400));
    const pause = toFrames(makeSilencePcm(500));
    for (const frame of [...speech, ...pause]) {
      const seq = produced.length + 1;
      const pcm = stampFrame(frame, seq);
      produced.push(pcm);
      if (connected) client.sendAudio(pcm, seq);
    }
  };
  const nextSwitch = async (count: number): Promise<void> => {
    await client.waitFor(() => resumed() >= count, `switch ${count}`, 20_000);
  };

  for (let index = 1; index < LONG_SCRIPT.length; index++) {
    const turnsBefore = client.events.filter((e) => e.type === 'turn-complete').length;
    answer();
    if (!connected) {
      // Back online: reconnect with the cursor, then resend what the relay had not acknowledged.
      const readyBefore = client.events.filter((e) => e.type === 'ready').length;
      await client.connectWebSocket({ lastEventId: client.lastEventId });
      await client.waitFor(
        (c) => c.events.filter((e) => e.type === 'ready').length > readyBefore,
        'ready after reconnect',
      );
      connected = true;
      const ready = client.events.filter((e) => e.type === 'ready').at(-1);
      const acknowledged = ready?.type === 'ready' ? ready.lastAudioSeq : 0;
      for (let seq = acknowledged + 1; seq <= produced.length; seq++)
        client.sendAudio(produced[seq - 1] as Uint8Array, seq);
    }
    await client.waitFor(
      (c) => c.events.filter((e) => e.type === 'turn-complete').length > turnsBefore,
      `reply to answer ${index}`,
      20_000,
    );
    const step = AFTER_ANSWER[index];
    const switches = resumed();
    const upstream = fake.connections.at(-1) as FakeConnection;
    if (step === 'rollover') await nextSwitch(switches + 1);
    if (step === 'close-1011') {
      upstream.close(1011, 'Internal error encountered.');
      await nextSwitch(switches + 1);
    }
    if (step === 'drop-upstream') {
      upstream.drop();
      await nextSwitch(switches + 1);
    }
    if (step === 'drop-client') {
      client.drop();
      await client.waitForClose();
      connected = false;
    }
  }
  await client.waitForEvent('ended', 1);

  const conversation = (fake.connections[0] as FakeConnection).conversation;
  const switchWindowsMs: number[] = [];
  noticeTimes.forEach((notice, i) => {
    if (notice.code !== 'upstream-reconnecting') return;
    const back = noticeTimes.slice(i + 1).find((n) => n.code === 'upstream-resumed');
    if (back) switchWindowsMs.push(back.at - notice.at);
  });
  const reconnects: Record<string, number> = {};
  for (const cause of ['goaway', 'rollover', 'deadline', 'unavailable', 'lost', 'other'])
    reconnects[cause] = relay.metrics.registry.value('vi_upstream_reconnects_total', { cause });
  return {
    transcript: client.finalTurns(),
    expected: LONG_SCRIPT.flatMap((turn) => [
      ...(turn.candidate ? [{ role: 'candidate', text: turn.candidate }] : []),
      { role: 'interviewer', text: turn.interviewer },
    ]),
    receivedSeqs: conversation.audioChunks().map(frameStamp),
    sent: produced.length,
    connections: fake.connections.length,
    refusedResumes: fake.connections.filter((c) => {
      try {
        return c.conversation !== conversation;
      } catch {
        return true;
      }
    }).length,
    reconnects,
    switchWindowsMs,
    elapsedMs: performance.now() - started,
    lifetimeMs,
    simulatedMinutes: ((performance.now() - started) / lifetimeMs) * 10,
  };
}
