/**
 * The simulated end-of-interview feedback: parses the relay's report prompt (a `Rubric:` section of
 * `- <criterion>: <description>` lines and a `Transcript:` section of `Interviewer:` / `Candidate:` lines)
 * and scores each criterion from what can be measured without a model: how many answers there were, how
 * long they were, and whether they touched the words of the criterion. Every text says it is simulated.
 */

export interface RubricItem {
  criterion: string;
  description: string;
}

export interface TranscriptLine {
  role: 'interviewer' | 'candidate';
  text: string;
}

export interface FeedbackReport {
  summary: string;
  strengths: string[];
  improvements: string[];
  scores: { criterion: string; score: number; comment: string }[];
}

export function parseReportPrompt(prompt: string): { rubric: RubricItem[]; transcript: TranscriptLine[] } {
  const rubric: RubricItem[] = [];
  const transcript: TranscriptLine[] = [];
  let section: 'none' | 'rubric' | 'transcript' = 'none';
  for (const raw of prompt.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^rubric:\s*$/i.test(line)) section = 'rubric';
    else if (/^transcript:\s*$/i.test(line)) section = 'transcript';
    else if (section === 'rubric') {
      const m = /^[-*]\s*([^:]+?)\s*:\s*(.*)$/.exec(line);
      if (m) rubric.push({ criterion: m[1] as string, description: m[2] as string });
      else if (line !== '') section = 'none';
    } else if (section === 'transcript') {
      const m = /^(Interviewer|Candidate)\s*:\s*(.*)$/i.exec(line);
      if (m)
        transcript.push({
          role: (m[1] as string).toLowerCase() as TranscriptLine['role'],
          text: m[2] as string,
        });
      else if (line !== '' && transcript.length > 0) {
        const last = transcript[transcript.length - 1] as TranscriptLine;
        last.text += ` ${line}`; // a wrapped line continues the previous speaker
      }
    }
  }
  return { rubric, transcript };
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
/** `[spoken answer, 7.4 s]`: the simulator cannot transcribe, it only knows how long the candidate spoke. */
const SPOKEN = /^\[spoken answer, (\d+(?:\.\d+)?) s\]$/;
/** A calm speaking rate, to put spoken and typed answers on one length scale. */
const WORDS_PER_SECOND = 2.5;
const STOP = new Set(['and', 'the', 'with', 'for', 'only', 'where', 'uses', 'about', 'before', 'their']);

export function buildFeedbackReport(prompt: string): FeedbackReport {
  const { rubric, transcript } = parseReportPrompt(prompt);
  const answers = transcript.filter((l) => l.role === 'candidate' && l.text.trim() !== '');
  const questions = transcript.filter((l) => l.role === 'interviewer').length;
  const spokenSeconds = answers.flatMap((a) => {
    const m = SPOKEN.exec(a.text.trim());
    return m ? [Number(m[1])] : [];
  });
  const spokenOnly = spokenSeconds.length;
  const typed = answers.filter((a) => !SPOKEN.test(a.text.trim()));
  const answerWords = typed.flatMap((a) => words(a.text));
  // Length in words: typed words as written, spoken answers estimated from how long they lasted.
  const totalWords = answerWords.length + spokenSeconds.reduce((sum, s) => sum + s * WORDS_PER_SECOND, 0);
  const avgWords = answers.length ? totalWords / answers.length : 0;
  const lengthNote = [
    spokenOnly
      ? `about ${Math.round(spokenSeconds.reduce((a, b) => a + b, 0) / spokenOnly)} s per spoken answer`
      : '',
    typed.length ? `about ${Math.round(answerWords.length / typed.length)} words per typed answer` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const coverage = questions ? Math.min(1, answers.length / questions) : 0;
  const lengthScore = avgWords >= 60 ? 5 : avgWords >= 30 ? 4 : avgWords >= 12 ? 3 : avgWords >= 4 ? 2 : 1;
  const vocabulary = new Set(answerWords);

  const scores = rubric.map(({ criterion, description }) => {
    const keys = [...new Set(words(`${criterion} ${description}`))].filter(
      (w) => w.length > 3 && !STOP.has(w),
    );
    const hits = keys.filter((k) => vocabulary.has(k));
    let score = answers.length === 0 ? 1 : lengthScore;
    if (hits.length >= 2) score += 1;
    if (coverage < 0.5) score -= 1;
    score = Math.max(1, Math.min(5, score));
    const comment =
      answers.length === 0
        ? 'Simulated score: no answers were recorded, so there was nothing to assess.'
        : `Simulated score from answer length (${lengthNote})` +
          (hits.length
            ? ` and mentions of ${hits.slice(0, 3).join(', ')}.`
            : '; no key terms of this criterion were mentioned.');
    return { criterion, score, comment };
  });

  const strengths: string[] = [];
  const improvements: string[] = [];
  if (answers.length > 0 && coverage >= 0.8)
    strengths.push(`You answered ${answers.length} of ${questions} questions.`);
  if (avgWords >= 30) strengths.push('Your answers were detailed.');
  if (spokenOnly > 0) {
    strengths.push(`You answered ${spokenOnly} question${spokenOnly === 1 ? '' : 's'} out loud.`);
    improvements.push('Spoken answers cannot be assessed offline: the simulator does not transcribe speech.');
  }
  if (answers.length === 0) improvements.push('Answer the questions to get a meaningful assessment.');
  else if (avgWords < 12 && spokenOnly < answers.length)
    improvements.push('Give longer answers with concrete examples.');
  if (coverage < 0.8 && questions > 0) improvements.push('Some questions went unanswered.');
  if (strengths.length === 0) strengths.push('You took part in the practice interview.');
  if (improvements.length === 0) improvements.push('Add measurable results to your examples.');

  return {
    summary:
      `Simulated feedback from the offline interviewer (no AI model was used): ${answers.length} answer` +
      `${answers.length === 1 ? '' : 's'} to ${questions} interviewer turn${questions === 1 ? '' : 's'}` +
      `${lengthNote ? ` (${lengthNote})` : ''}. Scores reflect answer length and key terms only.`,
    strengths,
    improvements,
    scores,
  };
}
