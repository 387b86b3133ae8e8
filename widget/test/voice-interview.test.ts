import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/index';
import { defineVoiceInterview } from '../src/define';
import { InvalidStateError } from '../src/errors';
import type { VoiceInterviewErrorDetail } from '../src/events';
import { VoiceInterview } from '../src/voice-interview';
import { waitFor } from './harness/browser-probes';
import { rememberConsent } from './harness/interview-page';
import { afterEach, beforeEach, describe, it } from './harness/mocha';
import { startHarness } from './harness/server';

/** A port nothing listens on: the relay is unreachable. */
const DEAD_RELAY = 'http://127.0.0.1:9';

function buttonNames(el: VoiceInterview): string[] {
  return [...(el.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim() ?? '');
}

async function failWith(el: VoiceInterview, start: () => void): Promise<VoiceInterviewErrorDetail> {
  const failed = oneEvent(el, 'vi-error');
  start();
  const { detail } = (await failed) as CustomEvent<VoiceInterviewErrorDetail>;
  await el.updateComplete;
  return detail;
}

function alertText(el: VoiceInterview): string {
  return el.shadowRoot?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Sessions start straight away: the site checks the microphone itself, the candidate agreed before. */
beforeEach(() => rememberConsent());

describe('<voice-interview> before it starts', () => {
  it('renders an accessible idle state with a Start interview button', async () => {
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid"></voice-interview>`,
    );
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.getAttribute('theme')).to.equal('light');
    expect(buttonNames(el)).to.deep.equal(['Start interview']);
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme and the compact variant too', async () => {
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" theme="dark" variant="compact"></voice-interview>`,
    );
    await expect(el).to.be.accessible();
  });

  it('disables Start until an interview is set', async () => {
    const el = await fixture<VoiceInterview>(html`<voice-interview></voice-interview>`);
    expect(el.shadowRoot?.querySelector<HTMLButtonElement>('button.start')?.disabled).to.equal(true);
  });

  it('throws typed errors for methods called in the wrong state', async () => {
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid"></voice-interview>`,
    );
    expect(() => el.end()).to.throw(InvalidStateError);
    expect(() => el.mute()).to.throw(InvalidStateError);
    expect(() => el.unmute()).to.throw(InvalidStateError);
  });

  it('defaults the relay to the origin the script came from', async () => {
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="x"></voice-interview>`,
    );
    const requested: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(input));
      return realFetch(input, init);
    };
    try {
      await failWith(el, () => void el.start());
    } finally {
      window.fetch = realFetch;
    }
    expect(requested[0]).to.equal(`${location.origin}/v1/sessions`);
  });
});

describe('<voice-interview> with self-hosted worklets (strict CSP)', () => {
  it('loads both worklets from worklet-base-url instead of Blob URLs', async () => {
    const harness = await startHarness();
    const el =
      await fixture<VoiceInterview>(html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}
      worklet-base-url="/self-hosted-worklets/"></voice-interview>`);
    const moduleUrls: string[] = [];
    const addModule = AudioWorklet.prototype.addModule;
    AudioWorklet.prototype.addModule = function (
      this: AudioWorklet,
      url: string | URL,
      options?: WorkletOptions,
    ) {
      moduleUrls.push(String(url));
      return addModule.call(this, url, options);
    };
    try {
      await el.start();
      await waitFor(() => el.state === 'live', 'live');
    } finally {
      AudioWorklet.prototype.addModule = addModule;
    }
    expect(moduleUrls.sort()).to.deep.equal([
      `${location.origin}/self-hosted-worklets/capture.worklet.js`,
      `${location.origin}/self-hosted-worklets/playback.worklet.js`,
    ]);
    expect(el.shadowRoot?.querySelector('button.mute')).to.not.equal(null);
  });
});

describe('<voice-interview> registration', () => {
  it('tolerates a second registration of the same version', () => {
    defineVoiceInterview();
    defineVoiceInterview();
    expect(customElements.get('voice-interview')).to.equal(VoiceInterview);
  });

  it('keeps the first registration and warns when another version owns the tag', () => {
    class OtherVersion extends HTMLElement {
      static version = '0.0.1-other';
    }
    customElements.define('vi-other-version', OtherVersion);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineVoiceInterview('vi-other-version');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('vi-other-version')).to.equal(OtherVersion);
    expect(warnings).to.have.length(1);
  });
});

describe('<voice-interview> errors, each with a way forward', () => {
  const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  afterEach(() => {
    navigator.mediaDevices.getUserMedia = realGetUserMedia;
  });

  it('explains an unreachable relay and offers to try again', async () => {
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${DEAD_RELAY}></voice-interview>`,
    );
    const detail = await failWith(el, () => void el.start());
    expect(detail.code).to.equal('relay-unreachable');
    expect(el.getAttribute('state')).to.equal('error');
    expect(alertText(el)).to.include('Cannot reach the interview service');
    expect(buttonNames(el)).to.include('Start interview');
    await expect(el).to.be.accessible();
  });

  it('explains an unknown interview', async () => {
    const harness = await startHarness();
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="no-such-interview" relay=${harness.relayUrl}></voice-interview>`,
    );
    const detail = await failWith(el, () => void el.start());
    expect(detail.code).to.equal('unknown-interview');
    expect(alertText(el)).to.include('This interview does not exist');
  });

  it('explains that the session limit is reached', async () => {
    const harness = await startHarness({ maxSessions: 0 });
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    const detail = await failWith(el, () => void el.start());
    expect(detail.code).to.equal('session-limit');
    expect(detail.retryable).to.equal(true);
    expect(alertText(el)).to.include('All interview slots are busy');
  });

  it('explains a missing microphone', async () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('none', 'NotFoundError'));
    const harness = await startHarness();
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    const detail = await failWith(el, () => void el.start());
    expect(detail.code).to.equal('no-mic');
    expect(alertText(el)).to.include('No microphone found');
  });

  it('explains a denied microphone and continues by typing', async () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    const harness = await startHarness();
    const el = await fixture<VoiceInterview>(
      html`<voice-interview skip-preflight interview="frontend-mid" relay=${harness.relayUrl}></voice-interview>`,
    );
    const detail = await failWith(el, () => void el.start());
    expect(detail.code).to.equal('mic-denied');
    expect(alertText(el)).to.include('Microphone access is blocked');
    await expect(el).to.be.accessible();

    const typing = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent?.trim() === 'Continue by typing',
    );
    typing?.click();
    await waitFor(() => el.state === 'live', 'live without a microphone');
    await el.updateComplete;
    expect(buttonNames(el)).to.deep.equal(['Send', 'Repeat', 'Skip', "I'm done", 'End interview']);
    expect(el.shadowRoot?.querySelector('input[aria-label="Type your answer"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
