/**
 * In the page of audio-timing.bench.ts: the element and the test probes, and two measurements the bench
 * calls through `window.audioTiming`. Bundled by element-page.ts.
 */
import '../src/index';
import type { VoiceInterviewEndDetail } from '../src/events';
import { BrowserProbes, waitFor } from '../test/harness/browser-probes';
import { rememberConsent } from '../test/harness/interview-page';

/** Below this peak the speakers count as silent (the same level the integration test uses). */
const SILENT = 1e-4;
const AUDIBLE = 0.01;

function mount(relayUrl: string) {
  const el = document.createElement('voice-interview');
  el.interview = 'frontend-mid';
  el.relay = relayUrl;
  el.skipPreflight = true;
  rememberConsent();
  el.micConstraints = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
  document.body.append(el);
  return el;
}

/** Milliseconds from `interrupted` arriving on the socket to the first silent output sample. */
async function interruptionToSilence(relayUrl: string): Promise<number> {
  const probes = new BrowserProbes().install();
  const el = mount(relayUrl);
  try {
    probes.startOutputMonitor();
    await el.start();
    await waitFor(() => probes.interruptedAt.length > 0, 'interrupted', 20_000);
    const at = probes.interruptedAt[0] ?? Number.NaN;
    await waitFor(() => probes.output.some((s) => s.at > at && s.peak < SILENT), 'silence');
    return (probes.output.find((s) => s.at > at && s.peak < SILENT)?.at ?? Number.NaN) - at;
  } finally {
    probes.stopOutputMonitor();
    el.remove();
  }
}

/** How long the goodbye was audible, and how long after its last sound `vi-end` fired. */
async function goodbye(relayUrl: string): Promise<{ audibleMs: number; endAfterLastSoundMs: number }> {
  const probes = new BrowserProbes().install();
  const el = mount(relayUrl);
  try {
    const ended = new Promise<number>((resolve) =>
      el.addEventListener('vi-end', (_event: CustomEvent<VoiceInterviewEndDetail>) =>
        resolve(performance.now()),
      ),
    );
    probes.startOutputMonitor();
    await el.start();
    const endedAt = await ended;
    probes.stopOutputMonitor();
    const audible = probes.output.filter((s) => s.peak > AUDIBLE);
    const first = audible[0]?.at ?? Number.NaN;
    const last = audible.at(-1)?.at ?? Number.NaN;
    return { audibleMs: last - first, endAfterLastSoundMs: endedAt - last };
  } finally {
    el.remove();
  }
}

(window as unknown as { audioTiming: unknown }).audioTiming = { interruptionToSilence, goodbye };
