import type { InterviewReport } from '../../../relay/protocol/index';
import { deliveryFigures, flagText } from './report-figures';
import { answerFigures, type ReportStrings, seconds } from './report-strings';

/** Table cells and list items stay on one line and cannot open a table column. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** The report as a Markdown document a candidate can keep or paste elsewhere. */
export function reportMarkdown(report: InterviewReport, s: ReportStrings): string {
  const out: string[] = [`# ${s.t.rTitle}: ${cell(report.interview.title)}`, ''];
  if (report.simulated) out.push(`> ${s.t.rSimulated}`, '');
  if (report.status === 'partial') out.push(`> ${s.t.rPartial}`, '');
  if (report.overallScore !== null)
    out.push(`**${s.t.rOverall}: ${report.overallScore} ${s.t.rOutOf100}**`, '');
  out.push(cell(report.summary), '');
  if (report.criteria.length > 0) {
    out.push(
      `## ${s.t.rScores}`,
      '',
      `| ${s.t.rCriterion} | ${s.t.rScore} | ${s.t.rRationale} |`,
      '| --- | --- | --- |',
    );
    for (const c of report.criteria)
      out.push(
        `| ${cell(c.criterion)} (${s.f('rWeight', c.weight)}) | ${s.f('rScoreOf5', c.score)} | ${cell(c.rationale)} |`,
      );
    out.push('');
    for (const c of report.criteria.filter((x) => x.evidence.length > 0))
      out.push(`- **${cell(c.criterion)}**: ${c.evidence.map((q) => `“${cell(q)}”`).join(' · ')}`);
    if (report.evidenceDropped > 0) out.push('', s.f('rEvidenceDropped', report.evidenceDropped));
    out.push('');
  }
  out.push(`## ${s.t.rDelivery}`, '');
  for (const f of deliveryFigures(report, s))
    out.push(`- ${f.label}: ${f.value}${f.aim ? ` (${f.aim})` : ''}`);
  out.push('');
  for (const [title, items] of [
    [s.t.rStrengths, report.strengths],
    [s.t.rImprovements, report.improvements],
  ] as const) {
    if (items.length === 0) continue;
    out.push(`## ${title}`, '', ...items.map((item) => `- ${cell(item)}`), '');
  }
  if (report.questions.length > 0) out.push(`## ${s.t.rQuestions}`, '');
  for (const q of report.questions) {
    out.push(`### ${s.f('rQuestion', q.index)}: ${cell(q.question)}`, '');
    const d = q.delivery;
    if (q.skipped) out.push(`*${s.t.rSkipped}*`);
    else if (d.mode === 'none') out.push(`*${s.t.rNoAnswer}*`);
    else if (d.mode === 'typed') out.push(`*${s.t.rTyped}*`);
    else
      out.push(
        `*${answerFigures(s, seconds(s, d.speakingMs), d.flags.includes('not-transcribed') ? null : d.words)}${d.wpm === null ? '' : `, ${s.f('rWpm', d.wpm)}`}*`,
      );
    for (const flag of d.flags) out.push('', `> ${flagText(flag, s)}`);
    if (q.answer) out.push('', `> ${cell(q.answer)}`);
    if (q.feedback)
      out.push(
        '',
        `- **${s.t.rStrong}**: ${cell(q.feedback.strong)}`,
        `- **${s.t.rMissing}**: ${cell(q.feedback.missing)}`,
        `- **${s.t.rSuggestion}**: ${cell(q.feedback.suggestion)}`,
      );
    out.push('');
  }
  out.push(`## ${s.t.transcript}`, '');
  for (const t of report.transcript)
    out.push(`**${t.role === 'candidate' ? s.t.you : s.t.interviewer}:** ${cell(t.text)}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
