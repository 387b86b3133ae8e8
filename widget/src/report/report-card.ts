import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { CriterionScore, InterviewReport, ReportQuestion } from '../../../relay/protocol/index';
import { downloadText, reportFileName } from './report-download';
import { deliveryFigures, type Figure, flagText } from './report-figures';
import { reportMarkdown } from './report-markdown';
import { answerFigures, type ReportStrings, seconds } from './report-strings';

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
  return html`<div class="overall" role="img" aria-label="${s.t.rOverall}: ${score} ${s.t.rOutOf100}">
    <svg viewBox="0 0 64 64" width="72" height="72" aria-hidden="true">
      <circle cx="32" cy="32" r=${r} class="ring-track"></circle>
      <circle cx="32" cy="32" r=${r} class="ring" stroke-dasharray="${(length * score) / 100} ${length}"
        transform="rotate(-90 32 32)"></circle>
      <text x="32" y="37" text-anchor="middle">${score}</text>
    </svg>
    <span>${s.t.rOverall}<br /><small>${s.t.rOutOf100}</small></span>
  </div>`;
}

function criterion(c: CriterionScore, s: ReportStrings): TemplateResult {
  return html`<li class="criterion">
    <div class="criterion-head">
      <span class="name">${c.criterion} <small>(${s.f('rWeight', c.weight)})</small></span>
      <span class="value">${s.f('rScoreOf5', c.score)}</span>
    </div>
    <div class="bar" aria-hidden="true"><span .style=${`width:${c.score * 20}%`}></span></div>
    <p>${c.rationale}</p>
    ${
      c.evidence.length > 0
        ? html`<p class="evidence"><span>${s.t.rEvidence}:</span> ${c.evidence.map((q) => html`<q>${q}</q> `)}</p>`
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
      ${f.inRange === null ? nothing : html`<span class="verdict">(${f.inRange ? s.t.rInRange : s.t.rOutOfRange})</span>`}
      ${f.aim ? html`<small>${f.aim}</small>` : nothing}
    </dd>
  </div>`;
}

function question(q: ReportQuestion, s: ReportStrings): TemplateResult {
  const d = q.delivery;
  const transcribed = !d.flags.includes('not-transcribed');
  const figures = q.skipped
    ? s.t.rSkipped
    : d.mode === 'none'
      ? s.t.rNoAnswer
      : d.mode === 'typed'
        ? s.t.rTyped
        : `${answerFigures(s, seconds(s, d.speakingMs), transcribed ? d.words : null)}${d.wpm === null ? '' : ` · ${s.f('rWpm', d.wpm)}`}` +
          `${d.firstWordMs === null ? '' : ` · ${s.t.rFirstWord.toLowerCase()} ${seconds(s, d.firstWordMs)}`}`;
  return html`<details class="question">
    <summary><strong>${s.f('rQuestion', q.index)}</strong> ${q.question}</summary>
    <p class="figures-line">${figures}</p>
    ${d.flags.map((flag) => html`<p class="flag">${flagText(flag, s)}</p>`)}
    ${q.answer && transcribed ? html`<blockquote>${q.answer}</blockquote>` : nothing}
    ${
      q.feedback
        ? html`<dl class="feedback">
          <dt>${s.t.rStrong}</dt><dd>${q.feedback.strong}</dd>
          <dt>${s.t.rMissing}</dt><dd>${q.feedback.missing}</dd>
          <dt>${s.t.rSuggestion}</dt><dd>${q.feedback.suggestion}</dd>
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
        <h3 id="report-title">${s.t.rTitle}</h3>
        <p>${report.summary}</p>
      </div>
    </div>
    ${report.simulated ? html`<p class="note">${s.t.rSimulated}</p>` : nothing}
    ${report.status === 'partial' ? html`<p class="note">${s.t.rPartial}</p>` : nothing}
    ${
      report.criteria.length > 0
        ? html`<h4>${s.t.rScores}</h4>
          <ul class="criteria">
            ${report.criteria.map((c) => criterion(c, s))}
          </ul>
          ${report.evidenceDropped > 0 ? html`<p class="note">${s.f('rEvidenceDropped', report.evidenceDropped)}</p>` : nothing}`
        : nothing
    }
    <h4>${s.t.rDelivery}</h4>
    <dl class="figures">${deliveryFigures(report, s).map((f) => figure(f, s))}</dl>
    ${list(s.t.rStrengths, report.strengths)} ${list(s.t.rImprovements, report.improvements)}
    ${report.questions.length > 0 ? html`<h4>${s.t.rQuestions}</h4>${report.questions.map((q) => question(q, s))}` : nothing}
    <div class="report-actions">
      <button part="button" @click=${(e: Event) => download(e, 'json')}>${s.t.rDownloadJson}</button>
      <button part="button" @click=${(e: Event) => download(e, 'md')}>${s.t.rDownloadMarkdown}</button>
      <button part="button practice-button" class="primary" @click=${() => actions.practiceAgain()}>${s.t.rPracticeAgain}</button>
    </div>
  </section>`;
}
