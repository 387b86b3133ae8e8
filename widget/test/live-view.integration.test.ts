import { expect } from '@open-wc/testing';
import '../src/index';
import type { ClientMessage } from '../../relay/protocol/index';
import type { VoiceInterviewEndDetail, VoiceInterviewNoticeDetail } from '../src/events';
import { en } from '../src/i18n/en';
import type { TransportKind } from '../src/session/transport';
import { waitFor, waitForAsync } from './harness/browser-probes';
import { button, mountInterview, turns, typeAnswer } from './harness/interview-page';
import { describe, it } from './harness/mocha';
import { breakUpstream, fakeEvents, startHarness, upstreamReconnects } from './harness/server';

const text = (root: ParentNode | null | undefined, selector: string) =>
  root?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Every control message the page sends, on either transport (WebSocket frames, SSE `POST /messages`). */
function recordControls(): { sent: ClientMessage[]; restore(): void } {
  const sent: ClientMessage[] = [];
  const keep = (body: unknown) => {
    if (typeof body !== 'string') return;
    const message = JSON.parse(body) as ClientMessage;
    if (message.type === 'control') sent.push(message);
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    keep(data);
    return send.call(this, data);
  };
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    if (String(input).endsWith('/messages')) keep(init?.body);
    return realFetch(input, init);
  };
  return {
    sent,
    restore() {
      WebSocket.prototype.send = send;
      window.fetch = realFetch;
    },
  };
}

describe('the live view', () => {
  it('shows "Question 1 of n" and its topic, then "Question 2 of n" after an answer', async () => {
    const harness = await startHarness({
      script: [
        {
          interviewer: 'Hi, I am Maya. Tell me about a recent project.',
          question: { number: 1, topic: 'A recent project' },
        },
        {
          interviewer: 'How does the browser render a page?',
          question: { number: 2, topic: 'Browser rendering' },
        },
        { interviewer: 'Thank you, that is all for today.' },
      ],
    });
    const { el } = await mountInterview(harness.relayUrl);
    try {
      await el.start();
      await waitFor(
        () => text(el.shadowRoot, '[part~="progress"] strong').startsWith('Question 1 of'),
        'question 1',
      );
      const total = text(el.shadowRoot, '[part~="progress"] strong').replace('Question 1 of ', '');
      expect(Number(total), 'n from the template plan').to.be.greaterThan(1);
      expect(text(el.shadowRoot, '[part~="progress"] .topic')).to.equal('A recent project');
      await typeAnswer(el, 'I built a design system.');
      await waitFor(
        () => text(el.shadowRoot, '[part~="progress"] strong') === `Question 2 of ${total}`,
        'question 2',
      );
      expect(text(el.shadowRoot, '[part~="progress"] .topic')).to.equal('Browser rendering'); // the template plan's topic
    } finally {
      el.remove();
    }
  });

  it('shows the time warning and the time remaining, and fires vi-notice', async () => {
    const harness = await startHarness({ durationLimitSec: 61 });
    const { el } = await mountInterview(harness.relayUrl);
    const notices: VoiceInterviewNoticeDetail[] = [];
    el.addEventListener('vi-notice', (event) => notices.push(event.detail));
    try {
      await el.start();
      await waitFor(() => notices.some((n) => n.code === 'time-warning'), 'vi-notice time-warning');
      await el.updateComplete;
      expect(text(el.shadowRoot, '[part~="notice"]')).to.equal(en['notice-time-warning']);
      expect(el.shadowRoot?.querySelector('[part~="notice"]')?.getAttribute('data-code')).to.equal(
        'time-warning',
      );
      const timer = el.shadowRoot?.querySelector('[part~="timer"]');
      expect(timer?.getAttribute('aria-label')).to.equal('Time remaining');
      expect(timer?.textContent?.trim()).to.match(/^[01]:\d\d left$/);
      expect(timer?.classList.contains('low')).to.equal(true);
    } finally {
      el.remove();
    }
  });

  for (const transport of ['websocket', 'sse'] as TransportKind[]) {
    it(`Repeat, Skip and I'm done over ${transport} reach the interviewer as the relay's fixed requests`, async () => {
      // The fake never ends an answer on silence: the answer ends only through I'm done (audioStreamEnd).
      const harness = await startHarness({ endOfSpeechSilenceMs: 600_000 });
      const { el } = await mountInterview(harness.relayUrl, transport);
      const recorder = recordControls();
      let ended: VoiceInterviewEndDetail | undefined;
      el.addEventListener('vi-end', (event) => {
        ended = event.detail;
      });
      const events = () => fakeEvents(harness);
      try {
        await el.start();
        await waitFor(() => el.connectedVia === transport, `connected via ${transport}`);
        await waitFor(() => turns(el, 'interviewer').length > 0, 'the greeting');

        button(el, 'Repeat').click();
        // The fake obeys only the relay's tagged instruction ("[control: repeat] …"), never page text.
        await waitForAsync(async () => (await events()).includes('control.repeat'), 'the fake got repeat');
        button(el, 'Skip').click();
        await waitForAsync(async () => (await events()).includes('control.skip'), 'the fake got skip');
        expect(await events(), 'no audioStreamEnd before I am done').not.to.include('audioStreamEnd');
        button(el, "I'm done").click();
        await waitForAsync(
          async () => (await events()).includes('audioStreamEnd'),
          'the fake got audioStreamEnd',
        );

        expect(recorder.sent, 'the page sent only the three actions').to.deep.equal([
          { type: 'control', action: 'repeat' },
          { type: 'control', action: 'skip' },
          { type: 'control', action: 'done' },
        ]);
        el.end();
        await waitFor(() => ended !== undefined, 'vi-end', 30_000);
        expect(ended?.report?.delivery.questionsSkipped, 'the skip is in the report').to.equal(1);
        expect(ended?.report?.questions.filter((q) => q.skipped)).to.have.length(1);
      } finally {
        recorder.restore();
        el.remove();
      }
    });
  }

  it('an expired upstream handle: the offer shows Continue, and the interview goes on in a new interviewer session', async () => {
    const harness = await startHarness();
    const { el } = await mountInterview(harness.relayUrl);
    const errors: unknown[] = [];
    el.addEventListener('vi-error', (event) => errors.push(event.detail));
    try {
      await el.start();
      await waitFor(() => turns(el, 'interviewer').length > 0, 'the greeting');
      await breakUpstream(harness, 'expire-1011');
      await waitFor(() => !!el.shadowRoot?.querySelector('[part~="continuation-button"]'), 'the offer');
      expect(text(el.shadowRoot, '[part~="continuation"]')).to.equal(
        `${en.continuationOffer} ${en.continue}`,
      );
      expect(el.state).to.equal('live');
      el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="continuation-button"]')?.click();
      await waitFor(() => turns(el, 'interviewer').length > 1, 'the new interviewer speaks');
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('[part~="continuation"]'), 'the offer is gone').to.equal(null);
      expect((await upstreamReconnects(harness)).causes.continuation).to.equal(1);
      expect(el.state).to.equal('live');
      expect(errors).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });
});
