import { html, nothing, type TemplateResult } from 'lit';
import type { CriterionScore, InterviewReport, ReportQuestion } from '../../../relay/protocol/index';
import { downloadText, reportFileName } from './report-download';
import { deliveryFigures, type Figure, flagText } from './report-figures';
import { reportMarkdown } from './report-markdown';
import type { ReportStrings } from './report-strings';

export interface ReportCardActions {
  practiceAgain(): void;
}

function list(title: string, items: readonly string[]): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<h4>${title}</h4>
    <ul>
      ${items.map((item) => html`<li>${item}</li>`)}
    </ul>`;
}

/** The overall score as a ring (inline SVG): the arc is the score's share of 100. */
function overall(score: number, s: ReportStrings): TemplateResult {
  const r = 26;
  const length = 2 * Math.PI * r;
  return html`<div class="overall" role="img" aria-label="${s.overall}: ${score} ${s.outOf100}">
    <svg viewBox="0 0 64 64" width="72" height="72" aria-hidden="true">
      <circle cx="32" cy="32" r=${r} class="ring-track"></circle>
      <circle cx="32" cy="32" r=${r} class="ring" stroke-dasharray="${(length * score) / 100} ${length}"
        transform="rotate(-90 32 32)"></circle>
      <text x="32" y="37" text-anchor="middle">${score}</text>
    </svg>
    <span>${s.overall}<br /><small>${s.outOf100}</small></span>
  </div>`;
}

function criterion(c: CriterionScore, s: ReportStrings): TemplateResult {
  return html`<li class="criterion">
    <div class="criterion-head">
      <span class="name">${c.criterion} <small>(${s.weight(c.weight)})</small></span>
      <span class="value">${s.scoreOf5(c.score)}</span>
    </div>
    <div class="bar" aria-hidden="true"><span .style=${`width:${c.score * 20}%`}></span></div>
    <p>${c.rationale}</p>
    ${
      c.evidence.length > 0
        ? html`<p class="evidence"><span>${s.evidence}:</span> ${c.evidence.map((q) => html`<q>${q}</q> `)}</p>`
        : nothing
    }
  </li>`;
}

function figure(f: Figure, s: ReportStrings): TemplateResult {
  const verdict = f.inRange === null ? '' : f.inRange ? 'good' : 'off';
  return html`<div class="figure ${verdict}">
    <dt>${f.label}</dt>
    <dd>
      ${f.value}
      ${f.inRange === null ? nothing : html`<span class="verdict">(${f.inRange ? s.inRange : s.outOfRange})</span>`}
      ${f.aim ? html`<small>${f.aim}</small>` : nothing}
    </dd>
  </div>`;
}

function question(q: ReportQuestion, s: ReportStrings): TemplateResult {
  const d = q.delivery;
  const transcribed = !d.flags.includes('not-transcribed');
  const figures = q.skipped
    ? s.skipped
    : d.mode === 'none'
      ? s.noAnswer
      : d.mode === 'typed'
        ? s.typed
        : `${s.answerFigures(s.seconds(d.speakingMs), transcribed ? d.words : null)}${d.wpm === null ? '' : ` · ${s.wpm(d.wpm)}`}` +
          `${d.firstWordMs === null ? '' : ` · ${s.firstWord.toLowerCase()} ${s.seconds(d.firstWordMs)}`}`;
  return html`<details class="question">
    <summary><strong>${s.question(q.index)}</strong> ${q.question}</summary>
    <p class="figures-line">${figures}</p>
    ${d.flags.map((flag) => html`<p class="flag">${flagText(flag, s)}</p>`)}
    ${q.answer && transcribed ? html`<blockquote>${q.answer}</blockquote>` : nothing}
    ${
      q.feedback
        ? html`<dl class="feedback">
          <dt>${s.strong}</dt><dd>${q.feedback.strong}</dd>
          <dt>${s.missing}</dt><dd>${q.feedback.missing}</dd>
          <dt>${s.suggestion}</dt><dd>${q.feedback.suggestion}</dd>
        </dl>`
        : nothing
    }
  </details>`;
}

/** The report card shown when the interview is over: scores, delivery, per-question feedback, downloads. */
export function reportCard(
  report: InterviewReport,
  actions: ReportCardActions,
  s: ReportStrings,
): TemplateResult {
  const download = (event: Event, kind: 'json' | 'md') => {
    const root = (event.currentTarget as HTMLElement).getRootNode() as ParentNode;
    if (kind === 'json')
      downloadText(
        root,
        reportFileName(report, 'json'),
        'application/json',
        `${JSON.stringify(report, null, 2)}\n`,
      );
    else downloadText(root, reportFileName(report, 'md'), 'text/markdown', reportMarkdown(report, s));
  };
  return html`<section part="report" class="report" aria-labelledby="report-title">
    <div class="report-head">
      ${report.overallScore === null ? nothing : overall(report.overallScore, s)}
      <div>
        <h3 id="report-title">${s.title}</h3>
        <p>${report.summary}</p>
      </div>
    </div>
    ${report.simulated ? html`<p class="note">${s.simulated}</p>` : nothing}
    ${report.status === 'partial' ? html`<p class="note">${s.partial}</p>` : nothing}
    ${
      report.criteria.length > 0
        ? html`<h4>${s.scores}</h4>
          <ul class="criteria">
            ${report.criteria.map((c) => criterion(c, s))}
          </ul>
          ${report.evidenceDropped > 0 ? html`<p class="note">${s.evidenceDropped(report.evidenceDropped)}</p>` : nothing}`
        : nothing
    }
    <h4>${s.delivery}</h4>
    <dl class="figures">${deliveryFigures(report, s).map((f) => figure(f, s))}</dl>
    ${list(s.strengths, report.strengths)} ${list(s.improvements, report.improvements)}
    ${report.questions.length > 0 ? html`<h4>${s.questions}</h4>${report.questions.map((q) => question(q, s))}` : nothing}
    <div class="report-actions">
      <button part="button" @click=${(e: Event) => download(e, 'json')}>${s.downloadJson}</button>
      <button part="button" @click=${(e: Event) => download(e, 'md')}>${s.downloadMarkdown}</button>
      <button part="button practice-button" class="primary" @click=${() => actions.practiceAgain()}>${s.practiceAgain}</button>
    </div>
  </section>`;
}
