import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { UiStrings } from '../i18n/localize';
import type { TranscriptTurn } from '../session/transcript';

/** The conversation as a log: screen readers announce new turns politely. */
export function transcriptView(turns: readonly TranscriptTurn[], t: UiStrings): TemplateResult {
  return html`<div part="transcript" class="transcript" role="log" aria-label=${t.transcript} tabindex="0">
    ${turns.length === 0 ? html`<p class="placeholder">${t.waitingFirst}</p>` : nothing}
    ${turns.map(
      // Turns are only appended or updated in place, so Lit's by-index reuse keeps each turn's DOM.
      (turn) =>
        html`<p part="turn ${turn.role}-turn" class="turn ${turn.role}" data-role=${turn.role} data-final=${turn.final}>
          <span class="speaker">${turn.role === 'candidate' ? t.you : t.interviewer}</span>
          <span class="text">${turn.text}</span>
        </p>`,
    )}
  </div>`;
}
