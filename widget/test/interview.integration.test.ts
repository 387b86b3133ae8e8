import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/index';
import type { VoiceInterviewEndDetail, VoiceInterviewStateDetail } from '../src/events';
import type { VoiceInterview } from '../src/voice-interview';
import { BrowserProbes, waitFor, waitForAsync } from './harness/browser-probes';
import { defined } from './harness/defined';
import { after, before, describe, it } from './harness/mocha';
import { fakeAudioIn, fakeState, type Harness, startHarness } from './harness/server';
import { bestCorrelation, loadWavPcm16, trimSilence } from './harness/signal';

const SPOKEN_ANSWER = 'Hello. Last year I built a design system.';
const TYPED_ANSWER = 'I wrote accessibility tests for every component.';
const SCRIPT = [
  {
    interviewer:
      'Hi, I am Maya and I will be your interviewer today. Thanks for making the time. To start, please tell me ' +
      'about a recent project you are proud of, what your role was, and what you would do differently next time.',
  },
  { candidate: SPOKEN_ANSWER, interviewer: 'Nice. How did you keep it accessible?' },
  { interviewer: 'Good. How did you measure that it worked?' },
  { interviewer: 'Thank you, that is all for today.' },
];
/** The fixture WAV is 5.98 s; the fake must have heard all of it. */
const WAV_SECONDS = 5.9;

function findButton(el: VoiceInterview, name: string): HTMLButtonElement | undefined {
  return [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (candidate) => candidate.textContent?.trim() === name,
  );
}

function button(el: VoiceInterview, name: string): HTMLButtonElement {
  const found = findButton(el, name);
  if (!found) throw new Error(`no button named "${name}"`);
  return found;
}

function turns(el: VoiceInterview, role: 'candidate' | 'interviewer'): string[] {
  return [...(el.shadowRoot?.querySelectorAll(`[role="log"] .turn.${role} .text`) ?? [])].map(
    (turn) => turn.textContent ?? '',
  );
}

describe('<voice-interview> against a real relay and a fake Gemini', () => {
  const probes = new BrowserProbes();
  const states: string[] = [];
  let harness: Harness;
  let el: VoiceInterview;

  before(async () => {
    probes.install();
    harness = await startHarness({ script: SCRIPT });
    // Not fixture(): @open-wc removes fixtures after every test, and this interview spans several tests.
    el = document.createElement('voice-interview');
    el.interview = 'frontend-mid';
    el.relay = harness.relayUrl;
    document.body.append(el);
    await el.updateComplete;
    // Chromium's echo cancellation, noise suppression and AGC reshape the fake microphone's speech; the
    // correlation check compares the raw signal. The defaults (all on) are covered by the removal test.
    el.micConstraints = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
    el.addEventListener('vi-state', (event: CustomEvent<VoiceInterviewStateDetail>) => {
      states.push(event.detail.state);
    });
  });

  after(() => {
    probes.stopOutputMonitor();
    el.remove();
  });

  it('goes from idle through connecting to live when Start is clicked', async () => {
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    probes.startOutputMonitor();
    button(el, 'Start interview').click();
    await waitFor(() => el.state === 'live', 'state live');
    expect(states).to.deep.equal(['connecting', 'live']);
    expect(el.getAttribute('state')).to.equal('live');
  });

  it('plays the interviewer through the speakers (measured on the output)', async () => {
    await waitFor(() => probes.output.some((sample) => sample.peak > 0.05), 'audible interviewer output');
  });

  it('silences the interviewer within 50 ms of an interruption', async () => {
    await waitFor(() => probes.interruptedAt.length > 0, 'the candidate barging in (interrupted)', 20_000);
    const interruptedAt = defined(probes.interruptedAt[0], 'an interruption');
    const playingBefore = probes.output.some(
      (s) => s.at < interruptedAt && s.at > interruptedAt - 200 && s.peak > 0.05,
    );
    expect(playingBefore, 'interviewer audible just before the interruption').to.equal(true);
    await waitFor(() => probes.output.some((s) => s.at > interruptedAt && s.peak < 1e-4), 'silence');
    const silentAt = probes.output.find((s) => s.at > interruptedAt && s.peak < 1e-4)?.at ?? Infinity;
    expect(silentAt - interruptedAt).to.be.below(50);
  });

  it('shows the candidate and the interviewer in the transcript', async () => {
    await waitFor(() => turns(el, 'candidate').includes(SPOKEN_ANSWER), 'candidate turn');
    await waitFor(() => turns(el, 'interviewer').includes('Nice. How did you keep it accessible?'), 'reply');
    const log = el.shadowRoot?.querySelector('[role="log"]');
    expect(log?.querySelector('.turn.interviewer')?.textContent).to.include('Interviewer');
    expect(log?.querySelector('.turn.candidate')?.textContent).to.include('You');
  });

  it('delivers the microphone audio to Gemini intact (correlation >= 0.9 with the WAV)', async () => {
    await waitForAsync(
      async () => (await fakeState(harness)).audioInBytes >= WAV_SECONDS * 16_000 * 2,
      'the whole WAV at the fake',
    );
    const received = await fakeAudioIn(harness);
    const reference = trimSilence(await loadWavPcm16('/widget/test/fixtures/candidate-speech-16k.wav'));
    const { value } = bestCorrelation(reference, received);
    expect(value).to.be.at.least(0.9);
  });

  it('stops uploading audio while muted', async () => {
    button(el, 'Mute microphone').click();
    await waitFor(() => findButton(el, 'Unmute microphone') !== undefined, 'unmute button');
    // A typed answer and the interviewer's reply to it are a round trip through the relay and the fake:
    // any audio sent before the mute has arrived once the reply is back.
    const input = el.shadowRoot?.querySelector<HTMLInputElement>('input[name="answer"]');
    if (!input) throw new Error('no answer box');
    input.value = TYPED_ANSWER;
    el.shadowRoot?.querySelector('form')?.requestSubmit();
    await waitFor(() => turns(el, 'candidate').includes(TYPED_ANSWER), 'typed answer in the transcript');
    await waitFor(
      () => turns(el, 'interviewer').includes('Good. How did you measure that it worked?'),
      'reply',
    );
    const bytesAfterMute = (await fakeState(harness)).audioInBytes;

    const ended = oneEvent(el, 'vi-end');
    button(el, 'End interview').click();
    const detail = ((await ended) as CustomEvent<VoiceInterviewEndDetail>).detail;
    expect((await fakeState(harness)).audioInBytes).to.equal(bytesAfterMute);
    expect(detail.reason).to.equal('candidate-ended');
    expect(detail.report?.summary).to.be.a('string');
  });

  it('ends with the feedback report and has walked idle -> connecting -> live -> ended', async () => {
    expect(states).to.deep.equal(['connecting', 'live', 'ended']);
    expect(el.getAttribute('state')).to.equal('ended');
    expect(el.shadowRoot?.querySelector('[part="report"]')?.textContent).to.include('Your feedback');
    await expect(el).to.be.accessible();
  });

  it('has released the microphone, the audio context and the socket', async () => {
    await waitFor(() => probes.contexts.every((context) => context.state === 'closed'), 'contexts closed');
    expect(probes.tracks.length).to.be.greaterThan(0);
    expect(probes.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    expect(probes.sockets.every((socket) => socket.readyState === WebSocket.CLOSED)).to.equal(true);
  });
});

describe('<voice-interview> removed from the page mid-interview', () => {
  it('stops tracks, closes contexts and sockets, and tells the relay to end the session', async () => {
    const probes = new BrowserProbes().install();
    const harness = await startHarness({ script: SCRIPT });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    const live = new Promise<void>((resolve) =>
      el.addEventListener('vi-state', (event: CustomEvent<VoiceInterviewStateDetail>) => {
        if (event.detail.state === 'live') resolve();
      }),
    );
    await el.start();
    await live;
    // `ready` (→ live) comes before the relay has finished opening Gemini: wait for the upstream.
    await waitForAsync(
      async () => (await fakeState(harness)).upstreamOpen,
      'relay opened the upstream session',
    );
    el.remove();
    await waitFor(() => probes.contexts.every((context) => context.state === 'closed'), 'contexts closed');
    await waitFor(
      () => probes.sockets.every((socket) => socket.readyState === WebSocket.CLOSED),
      'socket closed',
    );
    expect(probes.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await waitForAsync(
      async () => !(await fakeState(harness)).upstreamOpen,
      'relay ended the upstream session',
    );
  });
});

function sessionIdOf(socket: WebSocket): string {
  return defined(new URL(socket.url).pathname.split('/')[3], 'a session id in the socket URL');
}

describe('<voice-interview> when its connection drops', () => {
  it('shows reconnecting, resumes with fresh credentials and replays nothing twice', async () => {
    const probes = new BrowserProbes().install();
    const harness = await startHarness({ script: SCRIPT });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    const states: string[] = [];
    const transcriptEvents: string[] = [];
    el.addEventListener('vi-state', (event: CustomEvent<VoiceInterviewStateDetail>) => {
      states.push(event.detail.state);
    });
    el.addEventListener('vi-transcript', (event) => {
      const { turnId, text, final } = event.detail;
      transcriptEvents.push(JSON.stringify({ turnId, text, final }));
    });
    await el.start();
    await waitFor(() => turns(el, 'interviewer').length > 0, 'the greeting in the transcript');

    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return realFetch(input, init);
    };
    try {
      defined(probes.sockets[0], 'the first socket').close(4000, 'test: network drop');
      await waitFor(() => states.includes('reconnecting') && el.state === 'live', 'reconnected');
    } finally {
      window.fetch = realFetch;
    }

    expect(states).to.deep.equal(['connecting', 'live', 'reconnecting', 'live']);
    expect(probes.sockets).to.have.length(2);
    const second = defined(probes.sockets[1], 'the second socket');
    expect(requests).to.deep.equal([`POST /v1/sessions/${sessionIdOf(second)}/token`]);
    expect(Number(new URL(second.url).searchParams.get('lastEventId'))).to.be.greaterThan(0);
    expect(new Set(transcriptEvents).size).to.equal(transcriptEvents.length);
    expect((await fakeState(harness)).connections).to.equal(1);
  });
});

describe('<voice-interview> when the interviewer ends the interview', () => {
  it('lets the goodbye play to the end before ending', async () => {
    const probes = new BrowserProbes().install();
    const goodbye =
      'That is everything from me today. Thank you for your time, and good luck with your search.';
    // A one-turn script: the fake calls end_interview right after it, and the relay sends `ended` at
    // once, while nearly all of the goodbye (streamed faster than real time) is still to be played.
    const harness = await startHarness({ script: [{ interviewer: goodbye }] });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    let endedAt = 0;
    const ended = new Promise<VoiceInterviewEndDetail>((resolve) =>
      el.addEventListener('vi-end', (event: CustomEvent<VoiceInterviewEndDetail>) => {
        endedAt = performance.now();
        resolve(event.detail);
      }),
    );
    probes.startOutputMonitor();
    await el.start();
    const detail = await ended;
    probes.stopOutputMonitor();
    expect(detail.reason).to.equal('completed');
    const audible = probes.output.filter((sample) => sample.peak > 0.01);
    expect(audible.length).to.be.greaterThan(0);
    const audibleMs = (audible.at(-1)?.at ?? 0) - (audible[0]?.at ?? 0);
    // The synthesized goodbye lasts ~5.8 s (65 ms a character); cut off at `ended` it would be ~0.
    expect(audibleMs).to.be.greaterThan(4000);
    expect(endedAt).to.be.greaterThan(
      audible.at(-1)?.at ?? Number.POSITIVE_INFINITY,
      'ended after the last sound',
    );
  });
});
