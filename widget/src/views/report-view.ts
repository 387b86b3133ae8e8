import { html, nothing, type TemplateResult } from 'lit';
import type { FeedbackReport } from '../../../relay/protocol/index';

function list(title: string, items: readonly string[]): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<h4>${title}</h4>
    <ul>
      ${items.map((item) => html`<li>${item}</li>`)}
    </ul>`;
}

/** The feedback report shown when the interview is over. */
export function reportView(report: FeedbackReport): TemplateResult {
  return html`<section part="report" class="report" aria-labelledby="report-title">
    <h3 id="report-title">Your feedback</h3>
    <p>${report.summary}</p>
    ${list('Strengths', report.strengths)} ${list('To work on', report.improvements)}
    ${
      report.criteria.length > 0
        ? html`<table class="scores">
          <caption>
            Scores (1 to 5)
          </caption>
          <tbody>
            ${report.criteria.map(
              (line) => html`<tr>
                <th scope="row">${line.criterion}</th>
                <td class="score">${line.score}</td>
                <td>${line.rationale}</td>
              </tr>`,
            )}
          </tbody>
        </table>`
        : nothing
    }
  </section>`;
}
