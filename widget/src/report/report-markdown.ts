import type { InterviewReport } from '../../../relay/protocol/index';
import { deliveryFigures, flagText } from './report-figures';
import type { ReportStrings } from './report-strings';

/** Table cells and list items stay on one line and cannot open a table column. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** The report as a Markdown document a candidate can keep or paste elsewhere. */
export function reportMarkdown(report: InterviewReport, s: ReportStrings): string {
  const out: string[] = [`# ${s.title}: ${cell(report.interview.title)}`, ''];
  if (report.simulated) out.push(`> ${s.simulated}`, '');
  if (report.status === 'partial') out.push(`> ${s.partial}`, '');
  if (report.overallScore !== null) out.push(`**${s.overall}: ${report.overallScore} ${s.outOf100}**`, '');
  out.push(cell(report.summary), '');
  if (report.criteria.length > 0) {
    out.push(`## ${s.scores}`, '', `| ${s.criterion} | ${s.score} | ${s.rationale} |`, '| --- | --- | --- |');
    for (const c of report.criteria)
      out.push(
        `| ${cell(c.criterion)} (${s.weight(c.weight)}) | ${s.scoreOf5(c.score)} | ${cell(c.rationale)} |`,
      );
    out.push('');
    for (const c of report.criteria.filter((x) => x.evidence.length > 0))
      out.push(`- **${cell(c.criterion)}**: ${c.evidence.map((q) => `“${cell(q)}”`).join(' · ')}`);
    if (report.evidenceDropped > 0) out.push('', s.evidenceDropped(report.evidenceDropped));
    out.push('');
  }
  out.push(`## ${s.delivery}`, '');
  for (const f of deliveryFigures(report, s))
    out.push(`- ${f.label}: ${f.value}${f.aim ? ` (${f.aim})` : ''}`);
  out.push('');
  for (const [title, items] of [
    [s.strengths, report.strengths],
    [s.improvements, report.improvements],
  ] as const) {
    if (items.length === 0) continue;
    out.push(`## ${title}`, '', ...items.map((item) => `- ${cell(item)}`), '');
  }
  if (report.questions.length > 0) out.push(`## ${s.questions}`, '');
  for (const q of report.questions) {
    out.push(`### ${s.question(q.index)}: ${cell(q.question)}`, '');
    const d = q.delivery;
    if (q.skipped) out.push(`*${s.skipped}*`);
    else if (d.mode === 'none') out.push(`*${s.noAnswer}*`);
    else if (d.mode === 'typed') out.push(`*${s.typed}*`);
    else
      out.push(
        `*${s.answerFigures(s.seconds(d.speakingMs), d.flags.includes('not-transcribed') ? null : d.words)}${d.wpm === null ? '' : `, ${s.wpm(d.wpm)}`}*`,
      );
    for (const flag of d.flags) out.push('', `> ${flagText(flag, s)}`);
    if (q.answer) out.push('', `> ${cell(q.answer)}`);
    if (q.feedback)
      out.push(
        '',
        `- **${s.strong}**: ${cell(q.feedback.strong)}`,
        `- **${s.missing}**: ${cell(q.feedback.missing)}`,
        `- **${s.suggestion}**: ${cell(q.feedback.suggestion)}`,
      );
    out.push('');
  }
  out.push(`## ${s.transcript}`, '');
  for (const t of report.transcript)
    out.push(`**${t.role === 'candidate' ? s.you : s.interviewer}:** ${cell(t.text)}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
