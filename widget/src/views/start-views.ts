import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { UiStrings } from '../i18n/localize';
import type { StartFlow } from '../start-flow';
import { explainError } from './error-messages';

/** A level bar; `level` is RMS (0..1), shown ×4 so speech fills most of it. */
/** How full the level meter is for a frame's RMS level (speech sits around 0.05–0.25). */
export const meterFill = (level: number): number => Math.min(1, level * 4);

export function meter(level: number, label?: string): TemplateResult {
  const shown = meterFill(level);
  return html`<span part="meter" class="meter" role=${label ? 'meter' : nothing} aria-label=${label ?? nothing}
    aria-valuemin=${label ? 0 : nothing} aria-valuemax=${label ? 100 : nothing}
    aria-valuenow=${label ? Math.round(shown * 100) : nothing} aria-hidden=${label ? nothing : 'true'}
    ><span .style=${`--level:${shown}`}></span
  ></span>`;
}

/** The pre-flight microphone check: level, "we can hear you", device choice, speaker chime, headphones tip. */
export function preflightView(flow: StartFlow, t: UiStrings): TemplateResult {
  const check = flow.check;
  if (flow.checkError) {
    const { title, body, offerTyping } = explainError(flow.checkError.code, flow.checkError.retryable, t);
    return html`<section part="preflight" class="panel" aria-label=${t.preflightTitle}>
      <div part="error" class="error" role="alert"><h3>${title}</h3><p>${body}</p></div>
      <div class="controls">
        ${offerTyping ? html`<button part="button" class="primary" @click=${() => flow.typeInstead()}>${t.typeInstead}</button>` : nothing}
        <button part="button" @click=${() => flow.cancel()}>${t.cancel}</button>
      </div>
    </section>`;
  }
  const heard = check?.heard ?? false;
  const devices = check?.devices ?? [];
  return html`<section part="preflight" class="panel" aria-labelledby="vi-preflight-title">
    <h3 id="vi-preflight-title">${t.preflightTitle}</h3>
    <p class="check ${heard ? 'heard' : ''}" role="status">
      ${heard ? t.preflightHeard : check?.quiet ? t.preflightQuiet : t.preflightAsk}
    </p>
    <div class="level-row">${meter(check?.level ?? 0, t.micLevel)}</div>
    ${
      devices.length > 1
        ? html`<label class="device">${t.micDevice}
          <select part="device-select" @change=${(e: Event) => flow.selectDevice((e.target as HTMLSelectElement).value)}>
            ${devices.map(
              (d, i) =>
                html`<option value=${d.deviceId} ?selected=${d.deviceId === check?.deviceId}>${d.label || `${t.micDevice} ${i + 1}`}</option>`,
            )}
          </select></label>`
        : nothing
    }
    <p class="tip">${t.headphones}</p>
    <div part="controls" class="controls">
      <button part="button continue-button" class="primary continue" @click=${() => flow.checked()}>${t.continue}</button>
      <button part="button" @click=${() => check?.chime()}>${t.testSpeaker}</button>
      <button part="button" @click=${() => flow.cancel()}>${t.cancel}</button>
    </div>
  </section>`;
}

/** The consent notice: the site's `slot="consent"` content, else `text`. */
export function consentView(flow: StartFlow, t: UiStrings, text: string): TemplateResult {
  return html`<section part="consent" class="panel" aria-labelledby="vi-consent-title">
    <h3 id="vi-consent-title">${t.consentTitle}</h3>
    <div class="consent-text"><slot name="consent"><p>${text}</p></slot></div>
    <div part="controls" class="controls">
      <button part="button accept-button" class="primary accept" @click=${() => flow.accept()}>${t.accept}</button>
      <button part="button decline-button" @click=${() => flow.decline()}>${t.decline}</button>
    </div>
  </section>`;
}
