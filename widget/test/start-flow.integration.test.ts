import { expect, fixture, html } from '@open-wc/testing';
import '../src/index';
import { en } from '../src/i18n/en';
import { CONSENT_KEY, consentHash, PREFLIGHT_KEY } from '../src/site-memory';
import type { VoiceInterview } from '../src/voice-interview';
import { waitFor } from './harness/browser-probes';
import { button, forgetSite, rememberConsent } from './harness/interview-page';
import { beforeEach, describe, it } from './harness/mocha';
import { proxyStats, startHarness } from './harness/server';

const text = (el: VoiceInterview, selector: string) =>
  el.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Raw microphone, so the fake device's WAV reaches the level meter as recorded. */
const RAW_MIC = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };

beforeEach(() => forgetSite());

describe('a first visit: pre-flight check, then consent, then the interview', () => {
  it('shows the level and "we can hear you" from the microphone, then consent; nothing reaches the relay before Accept', async () => {
    const harness = await startHarness({ proxy: 'pass' });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview interview="frontend-mid" relay=${harness.relayUrl} .micConstraints=${RAW_MIC}></voice-interview>`,
    );
    try {
      button(el, 'Start interview').click();
      await waitFor(
        () => el.shadowRoot?.querySelector('[part~="preflight"]') !== null,
        'the pre-flight check',
      );
      expect(text(el, '[part~="preflight"] h3')).to.equal('Check your microphone');
      expect(text(el, '[part~="preflight"]')).to.include(en.headphones);
      const levels: number[] = [];
      await waitFor(() => {
        levels.push(Number(el.shadowRoot?.querySelector('[role="meter"]')?.getAttribute('aria-valuenow')));
        return text(el, '[part~="preflight"] [role="status"]') === 'We can hear you.';
      }, '"We can hear you." from the fake microphone');
      expect(Math.max(...levels), 'the meter moved with the speech').to.be.greaterThan(10);
      await expect(el).to.be.accessible();

      button(el, 'Continue').click();
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('[part~="preflight"]')).to.equal(null);
      expect(text(el, '[part~="consent"]')).to.include(en.consentText);
      expect(localStorage.getItem(PREFLIGHT_KEY), 'a passed check is remembered').to.equal('1');
      await expect(el).to.be.accessible();
      const before = await proxyStats(harness);
      expect(before.httpRequests + before.webSocketUpgrades + before.eventStreams).to.equal(0);

      button(el, 'I agree, start').click();
      await waitFor(() => el.state === 'live', 'live');
      expect(localStorage.getItem(CONSENT_KEY)).to.equal(consentHash(en.consentText));
    } finally {
      el.remove();
    }
  });

  it('lets a returning candidate skip the check, and opens it again on request', async () => {
    rememberConsent();
    localStorage.setItem(PREFLIGHT_KEY, '1');
    const el = await fixture<VoiceInterview>(
      html`<voice-interview interview="frontend-mid"></voice-interview>`,
    );
    button(el, 'Check microphone').click();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part~="preflight"]')).to.not.equal(null);
    button(el, 'Cancel').click();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part~="preflight"]')).to.equal(null);
    expect(el.state).to.equal('idle');
  });
});

describe('consent', () => {
  it('declining starts nothing: no request reaches the relay', async () => {
    const harness = await startHarness({ proxy: 'pass' });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    const started = el.start();
    await el.updateComplete;
    button(el, 'Not now').click();
    await started;
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(text(el, '.intro')).to.equal(en.declined);
    expect(localStorage.getItem(CONSENT_KEY)).to.equal(null);
    const stats = await proxyStats(harness);
    expect(stats.httpRequests + stats.webSocketUpgrades + stats.eventStreams).to.equal(0);
  });

  it("shows the site's slot text, and asks again when the accepted text changed", async () => {
    rememberConsent('An older text the candidate accepted.');
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid"
        ><p slot="consent">Acme records nothing. Audio goes to Google Gemini.</p></voice-interview
      >`,
    );
    void el.start();
    await el.updateComplete;
    const slot = el.shadowRoot?.querySelector<HTMLSlotElement>('slot[name="consent"]');
    expect(slot?.assignedElements().map((node) => node.textContent)).to.deep.equal([
      'Acme records nothing. Audio goes to Google Gemini.',
    ]);
    button(el, 'Not now').click();
    await el.updateComplete;
  });

  it('takes its text from consent-text, and an accepted text is not asked again', async () => {
    const wording = 'Audio goes to Google Gemini; this site stores your transcript for 30 days.';
    rememberConsent(wording);
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" consent-text=${wording} relay="http://127.0.0.1:9"></voice-interview>`,
    );
    expect(el.consentText()).to.equal(wording);
    const failed = new Promise((resolve) => el.addEventListener('vi-error', resolve));
    void el.start();
    await failed; // straight to the (unreachable) relay: no consent step
    expect(el.shadowRoot?.querySelector('[part~="consent"]')).to.equal(null);
  });
});

describe('languages', () => {
  const cases = [
    ['de', 'Interview starten', 'Bevor Sie beginnen'],
    ['es', 'Empezar la entrevista', 'Antes de empezar'],
    ['fr', 'Commencer l’entretien', 'Avant de commencer'],
    ['pt-BR', 'Start interview', 'Before you start'],
  ] as const;
  for (const [lang, start, consentTitle] of cases) {
    it(`lang="${lang}" renders ${lang.startsWith('pt') ? 'English (no table)' : 'its own strings'}`, async () => {
      const el = await fixture<VoiceInterview>(
        html`<voice-interview skip-preflight lang=${lang} interview="frontend-mid"></voice-interview>`,
      );
      expect(text(el, 'button.start')).to.equal(start);
      void el.start();
      await el.updateComplete;
      expect(text(el, '[part~="consent"] h3')).to.equal(consentTitle);
      await expect(el).to.be.accessible();
      el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="decline-button"]')?.click();
    });
  }

  it("follows the nearest ancestor's lang, and strings override any key", async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="fr-CA"><voice-interview interview="frontend-mid"></voice-interview></div>`,
    );
    const el = wrapper.querySelector('voice-interview') as VoiceInterview;
    await el.updateComplete;
    expect(text(el, 'button.start')).to.equal('Commencer l’entretien');
    el.strings = { start: 'Lancer la simulation' };
    await el.updateComplete;
    expect(text(el, 'button.start')).to.equal('Lancer la simulation');
    expect(text(el, '.intro')).to.include('recruteur IA');
  });
});
