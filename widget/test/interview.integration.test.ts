import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/index';
import { INPUT_SAMPLE_RATE } from '../../relay/protocol/index';
import type { VoiceInterviewEndDetail, VoiceInterviewStateDetail } from '../src/events';
import type { VoiceInterview } from '../src/voice-interview';
import { BrowserProbes, waitFor, waitForAsync } from './harness/browser-probes';
import { defined } from './harness/defined';
import { button, mountInterview, rememberConsent, turns, typeAnswer } from './harness/interview-page';
import { beforeEach, describe, it } from './harness/mocha';
import { fakeAudioIn, fakeState, startHarness } from './harness/server';
import { bestCorrelation, loadWavPcm16, trimSilence } from './harness/signal';

const SPOKEN_ANSWER = 'Hello. Last year I built a design system.';
const TYPED_ANSWER = 'I wrote accessibility tests for every component.';
const TYPED_REPLY = 'Good. How did you measure that it worked?';
/** For the muted path: any first answer (here the typed one) gets the reply. */
const TYPED_SCRIPT = [
  { interviewer: 'Hi, I am Maya. Please tell me about a recent project you are proud of.' },
  { interviewer: TYPED_REPLY },
  { interviewer: 'Thank you, that is all for today.' },
];
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

/** Sessions start straight away: the site checks the microphone itself, the candidate agreed before. */
beforeEach(() => rememberConsent());

describe('<voice-interview> against a real relay and a fake Gemini', () => {
  it('plays the interviewer, falls silent on barge-in, shows both sides and delivers the mic audio intact', async () => {
    const probes = new BrowserProbes().install();
    const harness = await startHarness({ script: SCRIPT });
    // Chromium's echo cancellation, noise suppression and AGC reshape the fake microphone's speech; the
    // correlation check compares the raw signal (mountInterview turns them off). The defaults (all on) are
    // covered by the removal test.
    const { el } = await mountInterview(harness.relayUrl);
    let answeredAt = Number.POSITIVE_INFINITY;
    el.addEventListener('vi-transcript', (event) => {
      const { role, text, final } = event.detail;
      if (role === 'candidate' && final && text === SPOKEN_ANSWER) answeredAt = performance.now();
    });
    try {
      probes.startOutputMonitor();
      await el.start();
      await waitFor(() => probes.output.some((sample) => sample.peak > 0.05), 'audible interviewer output');

      // The greeting streams faster than real time: when the candidate barges in, seconds of it are still
      // queued for the speakers. Dropping them is what makes the interviewer stop; without that it would
      // talk on through the candidate's ~6 s answer (a pause between its words is not silence that lasts).
      await waitFor(() => probes.interruptedAt.length > 0, 'the candidate barging in (interrupted)', 20_000);
      const interruptedAt = defined(probes.interruptedAt[0], 'an interruption');
      const playingBefore = probes.output.some(
        (s) => s.at < interruptedAt && s.at > interruptedAt - 200 && s.peak > 0.05,
      );
      expect(playingBefore, 'interviewer audible just before the interruption').to.equal(true);
      await waitFor(() => probes.output.some((s) => s.at > interruptedAt && s.peak < 1e-4), 'silence');
      await waitFor(() => answeredAt < Number.POSITIVE_INFINITY, 'the candidate turn, final');
      expect(turns(el, 'candidate')).to.include(SPOKEN_ANSWER);
      const silentAt = defined(
        probes.output.find((s) => s.at > interruptedAt && s.peak < 1e-4),
        'a silent sample after the interruption',
      ).at;
      const heardWhileAnswering = probes.output.filter(
        (s) => s.at > silentAt && s.at < answeredAt && s.peak > 0.01,
      );
      expect(heardWhileAnswering, 'silent from the interruption until the answer is done').to.deep.equal([]);

      await waitFor(
        () => turns(el, 'interviewer').includes('Nice. How did you keep it accessible?'),
        'reply',
      );
      const log = el.shadowRoot?.querySelector('[role="log"]');
      expect(log?.querySelector('.turn.interviewer')?.textContent).to.include('Interviewer');
      expect(log?.querySelector('.turn.candidate')?.textContent).to.include('You');

      await waitForAsync(
        async () => (await fakeState(harness)).audioInBytes >= WAV_SECONDS * INPUT_SAMPLE_RATE * 2,
        'the whole WAV at the fake',
      );
      const received = await fakeAudioIn(harness);
      const reference = trimSilence(await loadWavPcm16('/widget/test/fixtures/candidate-speech-16k.wav'));
      const { value } = bestCorrelation(reference, received);
      expect(value, 'correlation with the WAV').to.be.at.least(0.9);
    } finally {
      probes.stopOutputMonitor();
      el.remove();
    }
  });

  it('walks idle -> connecting -> live -> ended: nothing uploaded while muted, a report, everything released', async () => {
    const probes = new BrowserProbes().install();
    const harness = await startHarness({ script: TYPED_SCRIPT });
    const { el, states } = await mountInterview(harness.relayUrl);
    try {
      expect(el.state).to.equal('idle');
      expect(el.getAttribute('state')).to.equal('idle');
      button(el, 'Start interview').click();
      await waitFor(() => el.state === 'live', 'state live');
      expect(states).to.deep.equal(['connecting', 'live']);
      expect(el.getAttribute('state')).to.equal('live');
      // `ready` (-> live) can precede the relay's kick-off to Gemini; answer once the greeting is there.
      await waitFor(() => turns(el, 'interviewer').length > 0, 'the greeting in the transcript');

      button(el, 'Mute microphone').click();
      await waitFor(() => findButton(el, 'Unmute microphone') !== undefined, 'unmute button');
      // A typed answer and the interviewer's reply to it are a round trip through the relay and the fake:
      // any audio sent before the mute has arrived once the reply is back.
      await typeAnswer(el, TYPED_ANSWER);
      await waitFor(() => turns(el, 'candidate').includes(TYPED_ANSWER), 'typed answer in the transcript');
      await waitFor(() => turns(el, 'interviewer').includes(TYPED_REPLY), 'reply');
      const bytesAfterMute = (await fakeState(harness)).audioInBytes;

      const ended = oneEvent(el, 'vi-end');
      button(el, 'End interview').click();
      const detail = ((await ended) as CustomEvent<VoiceInterviewEndDetail>).detail;
      expect((await fakeState(harness)).audioInBytes).to.equal(bytesAfterMute);
      expect(detail.reason).to.equal('candidate-ended');
      expect(detail.report?.summary).to.be.a('string');

      expect(states).to.deep.equal(['connecting', 'live', 'ended']);
      expect(el.getAttribute('state')).to.equal('ended');
      expect(el.shadowRoot?.querySelector('[part="report"]')?.textContent).to.include('Your feedback');
      await expect(el).to.be.accessible();

      expect(probes.contexts).to.have.length.greaterThan(0);
      await waitFor(() => probes.contexts.every((context) => context.state === 'closed'), 'contexts closed');
      expect(probes.tracks).to.have.length.greaterThan(0);
      expect(probes.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
      expect(probes.sockets).to.have.length(1);
      expect(probes.sockets.every((socket) => socket.readyState === WebSocket.CLOSED)).to.equal(true);
    } finally {
      el.remove();
    }
  });
});

describe('<voice-interview> removed from the page mid-interview', () => {
  it('ends as abandoned (vi-state, vi-end), stops tracks, closes contexts and sockets, and tells the relay', async () => {
    const probes = new BrowserProbes().install();
    const harness = await startHarness({ script: SCRIPT });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
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
    expect(probes.contexts).to.have.length.greaterThan(0);
    expect(probes.sockets).to.have.length(1);
    expect(probes.tracks).to.have.length.greaterThan(0);
    const announced: string[] = [];
    el.addEventListener('vi-state', (event) => announced.push(`state:${event.detail.state}`));
    el.addEventListener('vi-end', (event) => announced.push(`end:${event.detail.reason}`));
    el.remove();
    expect(announced).to.deep.equal(['state:ended', 'end:abandoned']);
    expect(el.getAttribute('state')).to.equal('ended');
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
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
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
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
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
    const relayEndedAt = defined(probes.endedAt[0], "the relay's ended event");
    const audible = probes.output.filter((sample) => sample.peak > 0.01);
    expect(audible.length).to.be.greaterThan(0);
    const lastSound = defined(audible.at(-1), 'the last audible sample').at;
    // Cut off at the relay's `ended`, nothing would be heard after it arrived.
    expect(
      audible.some((sample) => sample.at > relayEndedAt),
      'goodbye heard after ended arrived',
    ).to.equal(true);
    expect(endedAt).to.be.greaterThan(lastSound, 'vi-end after the last sound');
  });
});
