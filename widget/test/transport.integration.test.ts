/**
 * In a real browser: WebSocket -> SSE fallback through a proxy that breaks WebSockets, resume after
 * drops on both transports with nothing lost or repeated, and the widget against the Worker in workerd.
 * Timing goals (how fast the fallback is) live in widget/bench/transport-fallback.bench.ts, not here.
 */
import { expect } from '@open-wc/testing';
import '../src/index';
import { WEBSOCKET_FAILED_KEY } from '../src/session/transport-selection';
import type { VoiceInterview } from '../src/voice-interview';
import { BrowserProbes, sameBytes, waitFor, waitForAsync } from './harness/browser-probes';
import { button, mountInterview, transcript, turns, typeAnswer } from './harness/interview-page';
import { describe, it } from './harness/mocha';
import {
  cutConnections,
  fakeAudioChunks,
  fakeState,
  type Harness,
  type HarnessOptions,
  proxyStats,
  stallConnections,
  startHarness,
} from './harness/server';

const SPOKEN_ANSWER = 'Hello. Last year I built a design system.';
const REPLY = 'Nice. How did you keep it accessible?';
const TYPED_ANSWER = 'I wrote accessibility tests for every component.';
const SECOND_REPLY = 'Good. How did you measure that it worked?';
/** A long greeting: the candidate (speaking 1.5 s into the fake microphone's file) barges into it. */
const SCRIPT = [
  {
    interviewer:
      'Hi, I am Maya and I will be your interviewer today. Thanks for making the time. To start, please tell me ' +
      'about a recent project you are proud of, what your role was, and what you would do differently next time.',
  },
  { candidate: SPOKEN_ANSWER, interviewer: REPLY },
  { interviewer: SECOND_REPLY },
  { interviewer: 'Thank you, that is all for today.' },
];

/** Starts the element and waits for `live`. */
async function startLive(el: VoiceInterview): Promise<void> {
  await el.start();
  await waitFor(() => el.state === 'live', 'state live');
}

/** One interview turn by voice: the fake microphone's answer is heard, transcribed and answered. */
async function completeSpokenTurn(el: VoiceInterview): Promise<void> {
  await waitFor(() => turns(el, 'candidate').includes(SPOKEN_ANSWER), 'the spoken answer', 20_000);
  await waitFor(() => turns(el, 'interviewer').includes(REPLY), 'the interviewer reply');
}

describe('transport="auto" behind a proxy', () => {
  const cases: [HarnessOptions['proxy'], string, 'websocket' | 'sse'][] = [
    ['pass', 'passes everything', 'websocket'],
    ['refuse-websocket', 'answers WebSocket upgrades with 403', 'sse'],
    ['swallow-websocket', 'never answers the WebSocket upgrade', 'sse'],
  ];
  for (const [proxy, behaviour, expected] of cases) {
    it(`reaches live and completes a turn over ${expected} when the proxy ${behaviour}`, async function () {
      this.timeout(45_000);
      const harness = await startHarness({ script: SCRIPT, proxy });
      const { el, states } = await mountInterview(harness.relayUrl);
      try {
        await startLive(el);
        expect(el.getAttribute('connected-via')).to.equal(expected);
        expect(el.connectedVia).to.equal(expected);
        await completeSpokenTurn(el);
        expect(states).to.deep.equal(['connecting', 'live']);
        const stats = await proxyStats(harness);
        expect(stats.webSocketUpgrades, 'one WebSocket attempt').to.equal(1);
        expect(stats.eventStreams, 'SSE streams').to.equal(expected === 'sse' ? 1 : 0);
      } finally {
        el.remove();
      }
      expect(el.hasAttribute('connected-via')).to.equal(false);
    });
  }

  it('goes straight to SSE on the next start once the WebSocket failed on that relay', async function () {
    this.timeout(30_000);
    const harness = await startHarness({ script: SCRIPT, proxy: 'refuse-websocket' });
    const { el } = await mountInterview(harness.relayUrl);
    try {
      await startLive(el);
      expect(el.getAttribute('connected-via')).to.equal('sse');
      expect(sessionStorage.getItem(`${WEBSOCKET_FAILED_KEY}${harness.relayUrl}/`)).to.equal('1');
      // `ready` (-> live) can precede the relay's kick-off to Gemini; end once the greeting is there.
      await waitFor(() => turns(el, 'interviewer').length > 0, 'the greeting in the transcript');
      button(el, 'End interview').click();
      await waitFor(() => el.state === 'ended', 'ended');
      expect((await proxyStats(harness)).webSocketUpgrades).to.equal(1);

      await startLive(el);
      expect(el.getAttribute('connected-via')).to.equal('sse');
      const stats = await proxyStats(harness);
      expect(stats.webSocketUpgrades, 'no second WebSocket attempt').to.equal(1);
      expect(stats.eventStreams).to.equal(2);
    } finally {
      el.remove();
    }
  });
});

/** Waits until the moment to cut: the interviewer mid-question, or the candidate mid-answer. */
async function waitForMoment(el: VoiceInterview, probes: BrowserProbes, moment: string): Promise<void> {
  if (moment === 'mid-question') {
    await waitFor(() => turns(el, 'interviewer').length > 0, 'the greeting under way');
    expect(probes.interruptedAt, 'the candidate has not barged in yet').to.have.length(0);
  } else {
    // The fake interrupts the greeting once it hears the candidate: they are speaking now.
    await waitFor(() => probes.interruptedAt.length > 0, 'the candidate barging in', 20_000);
  }
}

function reconnectUrl(probes: BrowserProbes, transport: 'websocket' | 'sse'): URL {
  const second = transport === 'websocket' ? probes.sockets[1]?.url : probes.eventSources[1]?.url;
  if (!second) throw new Error(`no second ${transport} connection`);
  return new URL(second);
}

async function expectEveryFrameOnceInOrder(harness: Harness, probes: BrowserProbes): Promise<void> {
  const sent = probes.sentInOrder();
  const received = await fakeAudioChunks(harness);
  expect(sent.length, 'frames sent').to.be.greaterThan(150);
  expect(probes.resentDifferently, 'resent frames with other bytes').to.equal(0);
  expect(received.length, 'frames the fake received').to.equal(sent.length);
  const firstMismatch = sent.findIndex((frame, index) => !sameBytes(frame, received[index] as Uint8Array));
  expect(firstMismatch, 'first frame that differs').to.equal(-1);
}

describe('resume after a drop', () => {
  for (const transport of ['websocket', 'sse'] as const) {
    for (const moment of ['mid-question', 'mid-answer']) {
      it(`${transport}, ${moment}: no transcript gaps or repeats, every candidate frame once`, async function () {
        this.timeout(60_000);
        const probes = new BrowserProbes().install();
        const harness = await startHarness({ script: SCRIPT, proxy: 'pass', audioPace: 1 });
        const { el, states, transcriptEvents } = await mountInterview(harness.relayUrl, transport);
        try {
          await startLive(el);
          await waitForMoment(el, probes, moment);
          await cutConnections(harness);
          await waitFor(() => states.includes('reconnecting') && el.state === 'live', 'resumed');
          expect(el.getAttribute('connected-via')).to.equal(transport);
          expect(Number(reconnectUrl(probes, transport).searchParams.get('lastEventId'))).to.be.greaterThan(
            0,
          );

          await completeSpokenTurn(el);
          // Mute (no more frames), then a typed answer: its reply proves all audio before it arrived.
          button(el, 'Mute microphone').click();
          await typeAnswer(el, TYPED_ANSWER);
          await waitFor(
            () => turns(el, 'interviewer').includes(SECOND_REPLY),
            'the reply to the typed answer',
          );

          expect(states).to.deep.equal(['connecting', 'live', 'reconnecting', 'live']);
          let fake = await fakeState(harness);
          await waitForAsync(async () => {
            fake = await fakeState(harness);
            return fake.spokenTurns.length === transcript(el).length;
          }, 'the fake and the element agree on the number of turns');
          expect(transcript(el)).to.deep.equal(fake.spokenTurns);
          expect(new Set(transcriptEvents).size, 'no transcript update twice').to.equal(
            transcriptEvents.length,
          );
          expect(fake.connections, 'the relay kept its upstream session').to.equal(1);
          await expectEveryFrameOnceInOrder(harness, probes);
        } finally {
          el.remove();
        }
      });
    }
  }
});

describe('a connection that goes silent without closing', () => {
  for (const transport of ['websocket', 'sse'] as const) {
    it(`${transport}: is given up after the silence timeout and the interview resumes`, async function () {
      this.timeout(60_000);
      const probes = new BrowserProbes().install();
      // Heartbeats every 300 ms, so 1.5 s of nothing at all can only mean a dead connection.
      const harness = await startHarness({ script: SCRIPT, proxy: 'pass', heartbeatMs: 300 });
      const { el, states } = await mountInterview(harness.relayUrl, transport);
      el.reconnectPolicy = { silenceTimeoutMs: 1_500 };
      try {
        await startLive(el);
        await waitFor(() => turns(el, 'interviewer').length > 0, 'the interviewer has started');
        await stallConnections(harness);
        await waitFor(
          () => states.includes('reconnecting') && el.state === 'live',
          'resumed on a new connection',
        );
        expect(Number(reconnectUrl(probes, transport).searchParams.get('lastEventId'))).to.be.greaterThan(0);
        await completeSpokenTurn(el);
        expect(states).to.deep.equal(['connecting', 'live', 'reconnecting', 'live']);
      } finally {
        el.remove();
      }
    });
  }
});

describe('the widget against the Worker (workerd via Miniflare)', () => {
  for (const transport of ['websocket', 'sse'] as const) {
    it(`reaches live and completes a turn with transport="${transport}"`, async function () {
      this.timeout(90_000);
      const harness = await startHarness({ script: SCRIPT, runtime: 'worker' });
      const { el } = await mountInterview(harness.relayUrl, transport);
      try {
        await startLive(el);
        expect(el.getAttribute('connected-via')).to.equal(transport);
        await completeSpokenTurn(el);
      } finally {
        el.remove();
      }
    });
  }
});
