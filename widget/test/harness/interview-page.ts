/** Mounting a `<voice-interview>` for the integration tests and reading what it shows. */
import type { VoiceInterviewStateDetail } from '../../src/events';
import { en } from '../../src/i18n/en';
import type { TransportPreference } from '../../src/session/transport';
import { CONSENT_KEY, consentHash, PREFLIGHT_KEY } from '../../src/site-memory';
import type { VoiceInterview } from '../../src/voice-interview';
import { waitFor } from './browser-probes';

export interface MountedInterview {
  el: VoiceInterview;
  /** Every `vi-state` in order. */
  states: string[];
  /** Every `vi-transcript` detail, as JSON, in order. */
  transcriptEvents: string[];
}

/**
 * What a candidate's earlier visit leaves behind: acceptance of this consent text (default: the English one),
 * stored exactly as the element stores it. Tests that are not about consent start from here.
 */
export function rememberConsent(text: string = en.consentText): void {
  localStorage.setItem(CONSENT_KEY, consentHash(text));
}

/** A first visit: nothing remembered (no consent, no passed pre-flight check). */
export function forgetSite(): void {
  localStorage.removeItem(CONSENT_KEY);
  localStorage.removeItem(PREFLIGHT_KEY);
}

/**
 * Appends an element (not @open-wc's fixture(): it removes fixtures after every test) with the fake
 * microphone's raw signal (no AEC/NS/AGC), so the PCM that arrives can be compared byte for byte. Like a
 * site with its own microphone check (`skip-preflight`) and a candidate who accepted the consent before.
 */
export async function mountInterview(
  relayUrl: string,
  transport?: TransportPreference,
): Promise<MountedInterview> {
  const el = document.createElement('voice-interview');
  el.interview = 'frontend-mid';
  el.relay = relayUrl;
  el.skipPreflight = true;
  rememberConsent();
  if (transport) el.transport = transport;
  el.micConstraints = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
  const states: string[] = [];
  const transcriptEvents: string[] = [];
  el.addEventListener('vi-state', (event: CustomEvent<VoiceInterviewStateDetail>) => {
    states.push(event.detail.state);
  });
  el.addEventListener('vi-transcript', (event) => {
    const { role, turnId, text, final } = event.detail;
    transcriptEvents.push(JSON.stringify({ role, turnId, text, final }));
  });
  document.body.append(el);
  await el.updateComplete;
  return { el, states, transcriptEvents };
}

export function turns(el: VoiceInterview, role?: 'candidate' | 'interviewer'): string[] {
  const selector = role ? `[role="log"] .turn.${role} .text` : '[role="log"] .turn .text';
  return [...(el.shadowRoot?.querySelectorAll(selector) ?? [])].map((turn) => turn.textContent ?? '');
}

/** The transcript as `{role, text}` in display order. */
export function transcript(el: VoiceInterview): { role: string; text: string }[] {
  return [...(el.shadowRoot?.querySelectorAll('[role="log"] .turn') ?? [])].map((turn) => ({
    role: turn.classList.contains('candidate') ? 'candidate' : 'interviewer',
    text: turn.querySelector('.text')?.textContent ?? '',
  }));
}

export function button(el: VoiceInterview, name: string): HTMLButtonElement {
  const found = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (candidate) => candidate.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no button named "${name}"`);
  return found;
}

export async function typeAnswer(el: VoiceInterview, text: string): Promise<void> {
  await waitFor(() => el.shadowRoot?.querySelector('input[name="answer"]') !== null, 'the answer box');
  const input = el.shadowRoot?.querySelector<HTMLInputElement>('input[name="answer"]');
  if (!input) throw new Error('no answer box');
  input.value = text;
  el.shadowRoot?.querySelector('form')?.requestSubmit();
}
