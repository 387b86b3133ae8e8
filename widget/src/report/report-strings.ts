/**
 * Every text of the report card and the Markdown download, in English, as one table: a UI-language module
 * can swap the whole table. Functions take the numbers they show.
 */
export const reportStrings = {
  title: 'Your feedback',
  simulated: 'Simulated report: scores come from measured answer length, not from an AI model.',
  partial: 'Your answers could not be scored this time. Your delivery figures and the transcript are below.',
  overall: 'Overall',
  outOf100: 'out of 100',
  scores: 'Scores',
  criterion: 'Criterion',
  score: 'Score',
  rationale: 'Why',
  scoreOf5: (score: number) => `${score} / 5`,
  weight: (weight: number) => `weight ${weight}`,
  evidence: 'What you said',
  evidenceDropped: (n: number) =>
    `${n} quote${n === 1 ? '' : 's'} the grader gave could not be found in your answers and ${n === 1 ? 'was' : 'were'} left out.`,
  delivery: 'How you spoke',
  pace: 'Pace',
  fillers: 'Filler words',
  longestPause: 'Longest pause',
  firstWord: 'Time to first word',
  speakingShare: 'Your share of speaking',
  answered: 'Questions answered',
  answeredValue: (answered: number, asked: number, skipped: number) =>
    `${answered} of ${asked}${skipped ? `, ${skipped} skipped` : ''}`,
  answerModes: (spoken: number, typed: number) => `${spoken} spoken, ${typed} typed`,
  wpm: (n: number) => `${n} words/min`,
  perMinute: (n: number) => `${n} a minute`,
  seconds: (ms: number) => `${(ms / 1000).toFixed(1)} s`,
  percent: (share: number) => `${Math.round(share * 100)} %`,
  notMeasured: 'not measured',
  aim: (range: string) => `aim: ${range}`,
  inRange: 'in range',
  outOfRange: 'outside the range',
  strengths: 'Strengths',
  improvements: 'To work on',
  questions: 'Question by question',
  question: (n: number) => `Question ${n}`,
  skipped: 'Skipped',
  noAnswer: 'No answer',
  typed: 'Typed answer',
  answerFigures: (speech: string, words: number | null) =>
    words === null ? `${speech} of speech` : `${speech} of speech, ${words} words`,
  strong: 'Strong',
  missing: 'Missing',
  suggestion: 'Try this',
  flagTranscriptShort:
    'The transcript of this answer is much shorter than the speech we measured: some of your words were lost in transcription, and you were not marked down for them.',
  flagNotTranscribed: 'This answer was heard but not transcribed, so only how you spoke was measured.',
  transcript: 'Transcript',
  you: 'You',
  interviewer: 'Interviewer',
  downloadJson: 'Download JSON',
  downloadMarkdown: 'Download Markdown',
  practiceAgain: 'Practice again',
};

export type ReportStrings = typeof reportStrings;
