import type { AnswerRecord } from './delivery-recorder';
import type { InterviewTemplate } from './interview-templates';

/**
 * Upper bound of the grading prompt, in characters (about 30k tokens). A 45-minute interview is about
 * 7,000 spoken words, some 60,000 characters with the questions, so real interviews fit whole; a longer or
 * flooded one has its longest answers shortened in the middle until it fits.
 */
export const MAX_REPORT_PROMPT_CHARS = 120_000;
/** Room kept for the instructions, rubric and per-answer labels. */
const FRAME_RESERVE_CHARS = 12_000;
const CUT_MARK = ' […] ';

/** The rubric weight of a criterion (1 when the template gives none). */
export function weightOf(line: { weight?: number }): number {
  return typeof line.weight === 'number' && line.weight > 0 ? line.weight : 1;
}

/** The grading prompt: instructions, then labelled `Rubric:` and `Questions and answers:` sections. */
export function reportPrompt(template: InterviewTemplate, answers: readonly AnswerRecord[]): string {
  const texts = boundTexts(
    answers.flatMap((a) => [a.question, a.answer]),
    MAX_REPORT_PROMPT_CHARS - FRAME_RESERVE_CHARS,
  );
  const lines = [
    `You are grading a practice interview for the role "${template.role}" (${template.level} level), held in ${template.language}.`,
    'Write constructive, specific feedback addressed to the candidate, in the language of the interview.',
    'Score every rubric criterion from 1 (weak) to 5 (excellent), with a one-line rationale. Do not compute an overall score.',
    "Evidence: quote the candidate's own words exactly as they appear in the answers (verbatim, 3 to 25 words). Quotes not found in the answers are discarded.",
    'Base every statement on the answers; if the candidate said little, say so and score accordingly.',
    'Answers marked "transcript incomplete" lost words in transcription: do not mark the candidate down for content that may be missing there; say the transcript was incomplete instead.',
    'For each question, say what was strong, what was missing, and give one concrete suggestion.',
    '',
    'Rubric:',
    ...template.rubric.map((line) => `- ${line.criterion} [weight ${weightOf(line)}]: ${line.description}`),
    '',
    'Questions and answers:',
  ];
  answers.forEach((answer, i) => {
    const question = texts[i * 2] ?? '';
    const text = texts[i * 2 + 1] ?? '';
    lines.push(`Q${answer.index}. Interviewer: ${question}`);
    const label = answerLabel(answer);
    lines.push(
      text ? `A${answer.index}. Candidate [${label}]: ${text}` : `A${answer.index}. Candidate [${label}]`,
    );
  });
  return lines.join('\n');
}

function answerLabel(answer: AnswerRecord): string {
  const d = answer.delivery;
  if (answer.skipped) return 'skipped';
  if (d.mode === 'none') return 'no answer';
  if (d.mode === 'typed') return 'typed';
  const parts = ['spoken', `${(d.speakingMs / 1000).toFixed(1)} s of speech`, `${d.words} words`];
  if (d.wpm !== null) parts.push(`${d.wpm} words/min`);
  if (d.flags.includes('transcript-short')) parts.push('transcript incomplete');
  if (d.flags.includes('not-transcribed')) parts.push('not transcribed');
  return parts.join('; ');
}

/** Shortens the longest texts (keeping their start and end) until all fit in `budget` characters. */
export function boundTexts(texts: readonly string[], budget: number): string[] {
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (total <= budget) return [...texts];
  // The largest per-text cap that fits: binary search over the cap.
  let low = 0;
  let high = Math.max(...texts.map((t) => t.length));
  while (low < high) {
    const cap = Math.ceil((low + high) / 2);
    const size = texts.reduce((n, t) => n + Math.min(t.length, cap + CUT_MARK.length), 0);
    if (size <= budget) low = cap;
    else high = cap - 1;
  }
  const cap = low;
  return texts.map((t) => {
    if (t.length <= cap + CUT_MARK.length) return t;
    const head = Math.ceil(cap * 0.6);
    return `${t.slice(0, head)}${CUT_MARK}${t.slice(t.length - (cap - head))}`;
  });
}
