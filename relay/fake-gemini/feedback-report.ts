/**
 * The simulated grader behind the fake's REST `generateContent`: parses the relay's grading prompt (a
 * `Rubric:` section of `- <criterion> [weight N]: <description>` lines and a `Questions and answers:` section
 * of `Qn. Interviewer: …` / `An. Candidate [label]: …` lines, the label carrying the delivery the relay
 * measured) and answers in the relay's grading schema from what can be judged without a model: how many
 * answers there were and how long they were (spoken ones by their measured speech), and whether typed ones
 * touched the words of a criterion. Every text says it is simulated.
 */

export interface RubricItem {
  criterion: string;
  description: string;
  weight: number;
}

export interface PromptAnswer {
  index: number;
  question: string;
  /** 'spoken' | 'typed' | 'no answer' | 'skipped' (the first part of the label). */
  kind: string;
  speechSeconds: number;
  text: string;
}

/** The grader's answer, in the relay's schema. */
export interface GradeAnswer {
  summary: string;
  criteria: { criterion: string; score: number; rationale: string; evidence: string[] }[];
  questions: { question: number; strong: string; missing: string; suggestion: string }[];
  strengths: string[];
  improvements: string[];
}

export function parseReportPrompt(prompt: string): { rubric: RubricItem[]; answers: PromptAnswer[] } {
  const rubric: RubricItem[] = [];
  const answers: PromptAnswer[] = [];
  let section: 'none' | 'rubric' | 'answers' = 'none';
  for (const raw of prompt.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^rubric:\s*$/i.test(line)) section = 'rubric';
    else if (/^questions and answers:\s*$/i.test(line)) section = 'answers';
    else if (section === 'rubric') {
      const m = /^[-*]\s*(.+?)\s*(?:\[weight\s+(\d+(?:\.\d+)?)\])?\s*:\s*(.*)$/.exec(line);
      if (m)
        rubric.push({ criterion: m[1] as string, weight: Number(m[2] ?? 1), description: m[3] as string });
      else if (line !== '') section = 'none';
    } else if (section === 'answers') {
      const q = /^Q(\d+)\.\s*Interviewer:\s*(.*)$/.exec(line);
      const a = /^A(\d+)\.\s*Candidate\s*\[([^\]]*)\](?::\s*(.*))?$/.exec(line);
      if (q)
        answers.push({
          index: Number(q[1]),
          question: q[2] as string,
          kind: 'no answer',
          speechSeconds: 0,
          text: '',
        });
      else if (a) {
        const target = answers.find((x) => x.index === Number(a[1]));
        if (!target) continue;
        const label = (a[2] as string).split(';').map((part) => part.trim());
        target.kind = label[0] ?? 'no answer';
        const speech = label.map((part) => /^(\d+(?:\.\d+)?) s of speech$/.exec(part)).find(Boolean);
        target.speechSeconds = speech ? Number(speech[1]) : 0;
        target.text = a[3] ?? '';
      }
    }
  }
  return { rubric, answers };
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
/** A calm speaking rate, to put spoken and typed answers on one length scale. */
const WORDS_PER_SECOND = 2.5;
const STOP = new Set(['and', 'the', 'with', 'for', 'only', 'where', 'uses', 'about', 'before', 'their']);

export function buildFeedbackReport(prompt: string): GradeAnswer {
  const { rubric, answers: all } = parseReportPrompt(prompt);
  const answers = all.filter((a) => a.kind === 'spoken' || a.kind === 'typed');
  const spoken = answers.filter((a) => a.kind === 'spoken');
  const typed = answers.filter((a) => a.kind === 'typed');
  const typedWords = typed.flatMap((a) => words(a.text));
  const spokenSeconds = spoken.reduce((n, a) => n + a.speechSeconds, 0);
  // Length in words: typed words as written, spoken answers estimated from the speech the relay measured.
  const avgWords = answers.length
    ? (typedWords.length + spokenSeconds * WORDS_PER_SECOND) / answers.length
    : 0;
  const lengthNote = [
    spoken.length ? `about ${Math.round(spokenSeconds / spoken.length)} s of speech per spoken answer` : '',
    typed.length ? `about ${Math.round(typedWords.length / typed.length)} words per typed answer` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const coverage = all.length ? answers.length / all.length : 0;
  const lengthScore = avgWords >= 60 ? 5 : avgWords >= 30 ? 4 : avgWords >= 12 ? 3 : avgWords >= 4 ? 2 : 1;
  const vocabulary = new Set(typedWords);

  const criteria = rubric.map(({ criterion, description }) => {
    const keys = [...new Set(words(`${criterion} ${description}`))].filter(
      (w) => w.length > 3 && !STOP.has(w),
    );
    const hits = keys.filter((k) => vocabulary.has(k));
    let score = answers.length === 0 ? 1 : lengthScore;
    if (hits.length >= 2) score += 1;
    if (coverage < 0.5) score -= 1;
    score = Math.max(1, Math.min(5, score));
    const quoted = typed.find((a) => hits.some((h) => words(a.text).includes(h)));
    const rationale =
      answers.length === 0
        ? 'Simulated score: no answers were recorded, so there was nothing to assess.'
        : `Simulated score from answer length (${lengthNote})` +
          (hits.length
            ? ` and mentions of ${hits.slice(0, 3).join(', ')}.`
            : '; no key terms of this criterion were typed.');
    const evidence = quoted ? [quoted.text.split(/\s+/).slice(0, 12).join(' ')] : [];
    return { criterion, score, rationale, evidence };
  });

  const questions = all.map((a) => ({
    question: a.index,
    strong:
      a.kind === 'spoken'
        ? `Simulated: you spoke for ${a.speechSeconds.toFixed(1)} s.`
        : a.kind === 'typed'
          ? `Simulated: you typed ${words(a.text).length} words.`
          : 'Simulated: there was no answer to assess.',
    missing:
      a.kind === 'spoken'
        ? 'The simulator does not transcribe speech, so the content was not assessed.'
        : words(a.text).length < 30
          ? 'Detail: a concrete example with a measurable result.'
          : 'Nothing the simulator can tell.',
    suggestion: 'Answer with situation, action and a measurable result.',
  }));

  const strengths: string[] = [];
  const improvements: string[] = [];
  if (answers.length > 0 && coverage >= 0.8)
    strengths.push(`You answered ${answers.length} of ${all.length} questions.`);
  if (avgWords >= 30) strengths.push('Your answers were detailed.');
  if (spoken.length > 0) {
    strengths.push(`You answered ${spoken.length} question${spoken.length === 1 ? '' : 's'} out loud.`);
    improvements.push('Spoken answers cannot be assessed offline: the simulator does not transcribe speech.');
  }
  if (answers.length === 0) improvements.push('Answer the questions to get a meaningful assessment.');
  else if (avgWords < 12 && spoken.length < answers.length)
    improvements.push('Give longer answers with concrete examples.');
  if (coverage < 0.8 && all.length > 0) improvements.push('Some questions went unanswered.');
  if (strengths.length === 0) strengths.push('You took part in the practice interview.');
  if (improvements.length === 0) improvements.push('Add measurable results to your examples.');

  return {
    summary:
      `Simulated feedback from the offline interviewer (no AI model was used): ${answers.length} answer` +
      `${answers.length === 1 ? '' : 's'} to ${all.length} question${all.length === 1 ? '' : 's'}` +
      `${lengthNote ? ` (${lengthNote})` : ''}. Scores reflect answer length and key terms only.`,
    criteria,
    questions,
    strengths,
    improvements,
  };
}
