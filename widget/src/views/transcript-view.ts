import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TranscriptTurn } from '../session/transcript';

const SPEAKER = { candidate: 'You', interviewer: 'Interviewer' } as const;

/** The conversation as a log: screen readers announce new turns politely. */
export function transcriptView(turns: readonly TranscriptTurn[], placeholder: string): TemplateResult {
  return html`<div part="transcript" class="transcript" role="log" aria-label="Transcript" tabindex="0">
    ${turns.length === 0 ? html`<p class="placeholder">${placeholder}</p>` : nothing}
    ${repeat(
      turns,
      (turn) => turn.turnId,
      (turn) =>
        html`<p part="turn ${turn.role}-turn" class="turn ${turn.role}" data-role=${turn.role} data-final=${turn.final}>
          <span class="speaker">${SPEAKER[turn.role]}</span>
          <span class="text">${turn.text}</span>
        </p>`,
    )}
  </div>`;
}
