import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { Localized } from '../i18n/localize';
import type { InterviewController } from '../interview-controller';

/** "Question k of n" and the topic, from the relay's `progress` (absent before the first question). */
export function progressView(c: InterviewController, l: Localized): TemplateResult | typeof nothing {
  if (!c.progress || !c.isActive) return nothing;
  const { question, of, topic } = c.progress;
  return html`<p part="progress" class="progress">
    <strong>${l.f('progress', question, of)}</strong>${topic ? html`<span class="topic">${topic}</span>` : nothing}
  </p>`;
}

/** Time remaining (once the relay said), else the elapsed time. */
export function timerView(c: InterviewController, l: Localized): TemplateResult | typeof nothing {
  if (!c.wentLive) return nothing;
  const remaining = c.remainingSeconds;
  const low = remaining !== null && remaining <= 60;
  return html`<span part="timer" class="timer ${low ? 'low' : ''}" role="timer"
    aria-label=${remaining === null ? nothing : l.t.remainingLabel}
    >${remaining === null ? l.clock(c.elapsedSeconds) : l.f('remaining', l.clock(remaining))}</span
  >`;
}

/**
 * The latest relay notice (`as const`: tsc fails when a notice code has no string), and the "still
 * listening" cue while the candidate pauses mid-answer.
 */
export function noticesView(c: InterviewController, l: Localized): TemplateResult {
  const notice = c.isActive ? c.notice : null;
  return html`${
    notice
      ? html`<p part="notice" class="notice ${notice.startsWith('time') ? 'time' : ''}" role="status" data-code=${notice}>
        ${l.t[`notice-${notice}` as const]}
      </p>`
      : nothing
  }${
    c.offer && c.isActive
      ? html`<p part="continuation" class="notice" role="alert">${l.t.continuationOffer}
        <button part="button continuation-button" @click=${() => c.continueInterview()}>${l.t.continue}</button></p>`
      : nothing
  }
  <p part="cue" class="cue" aria-live="polite">${c.pausing && c.state === 'live' ? l.t.stillListening : ''}</p>`;
}

/** Repeat, Skip and I'm done: fixed control messages, never free text. */
export function candidateControls(c: InterviewController, l: Localized): TemplateResult {
  const t = l.t;
  const disabled = c.state !== 'live' || c.ending;
  return html`<div part="candidate-controls" class="controls candidate-controls">
    <button part="button repeat-button" ?disabled=${disabled} @click=${() => c.sendControl('repeat')}>${t.repeat}</button>
    <button part="button skip-button" ?disabled=${disabled} @click=${() => c.sendControl('skip')}>${t.skip}</button>
    <button part="button done-button" ?disabled=${disabled} @click=${() => c.sendControl('done')}>${t.done}</button>
  </div>`;
}
