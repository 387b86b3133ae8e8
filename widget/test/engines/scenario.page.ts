/**
 * The page the engine suites load (bundled by esbuild, the worklets inlined as the Vite build does). The
 * runner calls `window.engineScenario.*` step by step; each step waits for what it needs and returns plain
 * facts, which the runner turns into named checks. The element is started from a light-DOM button's click
 * (the documented way: `start()` inside a user gesture), which the runner clicks with a trusted pointer event.
 */
import '../../src/index';
import type { VoiceInterviewEndDetail } from '../../src/events';
import type { TransportPreference } from '../../src/session/transport';
import type { VoiceInterview } from '../../src/voice-interview';
import { BrowserProbes, waitFor } from '../harness/browser-probes';
import { button, mountInterview, transcript, turns, typeAnswer } from '../harness/interview-page';
import { FOLLOW_UP, REPLY, SPOKEN_ANSWER, TYPED_ANSWER } from './scenario-script';

interface Current {
  el: VoiceInterview;
  probes: BrowserProbes;
  states: string[];
  startError?: string;
  ended?: VoiceInterviewEndDetail;
  mutedAt?: number;
}

let current: Current | undefined;

function active(): Current {
  if (!current) throw new Error('mount() first');
  return current;
}

const AUDIBLE = 0.05;
const SILENT = 1e-4;
const ANSWER_AFTER_MS = 3500;

const engineScenario = {
  /** Mounts the element and a Start button; returns where to click. */
  async mount(relayUrl: string, transport: TransportPreference, workletBaseUrl: string | null) {
    const probes = new BrowserProbes().install();
    const { el, states } = await mountInterview(relayUrl, transport);
    if (workletBaseUrl) el.workletBaseUrl = workletBaseUrl;
    const state: Current = { el, probes, states };
    current = state;
    el.addEventListener('vi-end', (event: CustomEvent<VoiceInterviewEndDetail>) => {
      state.ended = event.detail;
    });
    const go = document.createElement('button');
    go.textContent = 'Go';
    go.style.cssText = 'position:fixed;left:0;top:0;width:120px;height:60px;z-index:10';
    go.addEventListener('click', () => {
      probes.startOutputMonitor();
      el.start().catch((error: unknown) => {
        state.startError = String(error);
      });
    });
    document.body.prepend(go);
    const rect = go.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  },

  /** Waits for `live` and for the interviewer to be audible on the page's output. */
  async untilPlaying() {
    const { el, probes } = active();
    await waitFor(() => el.state === 'live' || el.state === 'error', 'state live', 30_000);
    if (el.state !== 'live') throw new Error(`state ${el.state}: ${current?.startError ?? ''}`);
    await waitFor(
      () => probes.output.some((sample) => sample.peak > AUDIBLE),
      'audible interviewer output',
      20_000,
    );
    // The candidate answers a few seconds into the greeting, as a person does. Firefox's input path settles
    // in its first seconds under CPU load (small sample slips right after the microphone opens); speech
    // that started at once would measure that, not the widget.
    const firstAudible = probes.output.find((sample) => sample.peak > AUDIBLE)?.at ?? 0;
    await waitFor(
      () =>
        probes.output.some((sample) => sample.at > firstAudible + ANSWER_AFTER_MS && sample.peak > AUDIBLE),
      'the greeting still playing a few seconds in',
      20_000,
    );
    return {
      state: el.state,
      connectedVia: el.connectedVia,
      sampleRate: probes.contexts[0]?.sampleRate ?? 0,
      eventSources: probes.eventSources.length,
      sockets: probes.sockets.length,
    };
  },

  /** After the runner spoke the WAV into the microphone: barge-in, silence, the answer and the reply. */
  async conversation() {
    const { el, probes } = active();
    await waitFor(() => probes.interruptedAt.length > 0, 'the candidate barging in (interrupted)', 30_000);
    const interruptedAt = probes.interruptedAt[0] ?? 0;
    const playingBefore = probes.output.some(
      (s) => s.at < interruptedAt && s.at > interruptedAt - 300 && s.peak > AUDIBLE,
    );
    await waitFor(
      () => probes.output.some((s) => s.at > interruptedAt && s.peak < SILENT),
      'silence',
      10_000,
    );
    const silentAt = probes.output.find((s) => s.at > interruptedAt && s.peak < SILENT)?.at ?? 0;
    await waitFor(() => turns(el, 'candidate').includes(SPOKEN_ANSWER), 'the candidate turn', 30_000);
    const answeredAt = performance.now();
    const heardWhileAnswering = probes.output.filter(
      (s) => s.at > silentAt && s.at < answeredAt && s.peak > 0.01,
    );
    await waitFor(() => turns(el, 'interviewer').includes(REPLY), 'the reply', 20_000);
    return {
      playingBefore,
      silenceMs: Math.round(silentAt - interruptedAt),
      heardWhileAnswering: heardWhileAnswering.length,
      transcript: transcript(el),
      labels: [...(el.shadowRoot?.querySelectorAll('[role="log"] .turn') ?? [])].map(
        (turn) => turn.textContent ?? '',
      ),
    };
  },

  /**
   * Mutes with the Mute button and answers by typing. The typed answer and the follow-up it gets are a round
   * trip through the relay and the fake, so audio sent before the mute has arrived once the follow-up is in.
   */
  async muteAndType() {
    const { el } = active();
    button(el, 'Mute microphone').click();
    await waitFor(() => hasButton(el, 'Unmute microphone'), 'the Unmute button', 5_000);
    active().mutedAt = performance.now();
    await typeAnswer(el, TYPED_ANSWER);
    await waitFor(() => turns(el, 'interviewer').includes(FOLLOW_UP), 'the follow-up', 20_000);
    return { typed: turns(el, 'candidate').includes(TYPED_ANSWER), at: performance.now() };
  },

  /** Still muted: waits until the follow-up has played out (the status stops saying the interviewer speaks). */
  async hearOutFollowUp() {
    const { el, mutedAt } = active();
    const speaking = () => el.shadowRoot?.querySelector('[part="status"]')?.classList.contains('speaking');
    await waitFor(() => speaking() === true, 'the follow-up playing', 10_000);
    await waitFor(() => speaking() === false, 'the follow-up played out', 20_000);
    return { mutedMs: Math.round(performance.now() - (mutedAt ?? 0)), at: performance.now() };
  },

  async unmute() {
    const { el } = active();
    button(el, 'Unmute microphone').click();
    await waitFor(() => hasButton(el, 'Mute microphone'), 'the Mute button', 5_000);
    return { muted: el.shadowRoot?.querySelector('button.mute')?.textContent?.trim() };
  },

  /** Where things stand, for a failure's diagnostics. */
  status() {
    if (!current) return { mounted: false };
    const { el, probes, startError } = current;
    return {
      state: el.state,
      startError: startError ?? null,
      contexts: probes.contexts.map((context) => `${context.state}@${context.sampleRate}`),
      tracks: probes.tracks.map((track) => track.readyState),
      analysers: probes.analysers.length,
      outputSamples: probes.output.length,
      maxPeak: Math.max(0, ...probes.output.slice(-500).map((sample) => sample.peak)),
      interrupted: probes.interruptedAt.length,
      turns: transcript(el).length,
    };
  },

  /** Ends with `end()` and waits for `vi-end`; reports what was released. */
  async end() {
    const state = active();
    state.el.end();
    await waitFor(() => state.ended !== undefined, 'vi-end', 20_000);
    return {
      ...(await released(state)),
      reason: state.ended?.reason ?? null,
      states: state.states,
      attr: state.el.getAttribute('state'),
    };
  },

  /** Removes the element mid-interview; reports what was released. */
  async remove() {
    const state = active();
    state.el.remove();
    return released(state);
  },
};

function hasButton(el: VoiceInterview, name: string): boolean {
  return [...(el.shadowRoot?.querySelectorAll('button') ?? [])].some((b) => b.textContent?.trim() === name);
}

async function released({ probes }: Current) {
  const closed = () =>
    probes.contexts.every((context) => context.state === 'closed') &&
    probes.tracks.every((track) => track.readyState === 'ended') &&
    probes.sockets.every((socket) => socket.readyState === WebSocket.CLOSED) &&
    probes.eventSources.every((source) => source.readyState === EventSource.CLOSED);
  await waitFor(closed, 'everything released', 10_000).catch(() => undefined);
  probes.stopOutputMonitor();
  return {
    contexts: probes.contexts.map((context) => context.state),
    tracks: probes.tracks.map((track) => track.readyState),
    sockets: probes.sockets.map((socket) => socket.readyState),
    eventSources: probes.eventSources.map((source) => source.readyState),
  };
}

type StepName = keyof typeof engineScenario;
interface StepRun {
  done: boolean;
  value?: unknown;
  error?: string;
}
const pageWindow = window as unknown as {
  engineScenario: typeof engineScenario;
  engineCommand?: { method: StepName; args: unknown[] };
  engineStep?: StepRun;
};

/**
 * Steps run from the page's own timer, never from inside a WebDriver script: the runner only sets
 * `engineCommand` and polls `engineStep` with short calls. (WebKitGTK stopped answering WebDriver when a
 * long promise chain was started from inside an `execute`.)
 */
setInterval(() => {
  const command = pageWindow.engineCommand;
  if (!command) return;
  pageWindow.engineCommand = undefined;
  const run: StepRun = { done: false };
  pageWindow.engineStep = run;
  const method = engineScenario[command.method] as (...args: unknown[]) => unknown;
  Promise.resolve()
    .then(() => method(...command.args))
    .then(
      (value) => Object.assign(run, { done: true, value }),
      (error: unknown) =>
        Object.assign(run, {
          done: true,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
}, 20);

Object.assign(window, { engineScenario });
