/**
 * The end-of-interview report: a versioned contract for the widget and for host sites that keep it.
 * Documented in docs/report.md; docs/report.schema.json is its JSON Schema.
 */
import type { EndReason, Role } from './messages';

/** Bumped on any change that is not purely additive. */
export const REPORT_VERSION = 1;

/** Why a report has no scores. */
export type PartialReason =
  /** The grader's answers were malformed or broke the schema, twice. */
  | 'grader-malformed'
  /** The grader could not be reached or refused the request. */
  | 'grader-unavailable';

/** A plain-word flag on one answer. */
export type AnswerFlag =
  /** The transcript holds far fewer words than the speech the relay measured: words were lost. */
  | 'transcript-short'
  /** Speech was measured but nothing was transcribed (the simulator never transcribes). */
  | 'not-transcribed';

/** How one answer was delivered, measured by the relay on the candidate's own audio and transcript. */
export interface AnswerDelivery {
  mode: 'spoken' | 'typed' | 'none';
  /** Milliseconds of speech (energy segments) in the answer. */
  speakingMs: number;
  /** From the first to the last speech segment of the answer. */
  answerMs: number;
  /** From the end of the question (as the candidate heard it) to the first speech; null without speech. */
  firstWordMs: number | null;
  /** Longest silence between two speech segments of the answer. */
  longestPauseMs: number;
  words: number;
  /** Words per minute of speech; null when there was too little speech or no usable transcript. */
  wpm: number | null;
  fillers: number;
  fillersPerMinute: number | null;
  /** Immediate repetitions of a word ("I I think", "the the"). */
  repeatedStarts: number;
  flags: AnswerFlag[];
}

export interface QuestionFeedback {
  strong: string;
  missing: string;
  suggestion: string;
}

export interface ReportQuestion {
  /** 1-based position among the interviewer's questions. */
  index: number;
  /** The interview plan's question number, when the interview has a plan. */
  number?: number;
  question: string;
  answer: string;
  skipped: boolean;
  delivery: AnswerDelivery;
  /** The grader's feedback; null in a partial report or when the grader said nothing about it. */
  feedback: QuestionFeedback | null;
}

export interface CriterionScore {
  criterion: string;
  description: string;
  weight: number;
  /** 1 (weak) to 5 (excellent). */
  score: number;
  rationale: string;
  /** Quotes of the candidate, each found in the transcript. */
  evidence: string[];
  /** Quotes the grader gave that are not in the transcript (dropped). */
  evidenceDropped: number;
}

export interface DeliverySummary {
  speakingMs: number;
  interviewerMs: number;
  /** Candidate speech / (candidate speech + interviewer audio), 0..1; null when neither spoke. */
  speakingShare: number | null;
  words: number;
  wpm: number | null;
  fillers: number;
  fillersPerMinute: number | null;
  /** The filler words heard, with counts (language of the interview). */
  fillerWords: Record<string, number>;
  repeatedStarts: number;
  longestPauseMs: number;
  /** Mean time to the first word over answered questions; null when none was spoken. */
  firstWordMs: number | null;
  questionsAsked: number;
  questionsAnswered: number;
  questionsSkipped: number;
  spokenAnswers: number;
  typedAnswers: number;
  /** Answers whose transcript is unreliable (see `AnswerFlag`). */
  flaggedAnswers: number;
}

/** [low, high] ranges the delivery figures are judged against (practice guidance, not norms). */
export const DELIVERY_RANGES = {
  wpm: [120, 160],
  fillersPerMinute: [0, 3],
  firstWordMs: [0, 5_000],
  longestPauseMs: [0, 4_000],
  answerMs: [30_000, 120_000],
  speakingShare: [0.5, 0.8],
} as const satisfies Record<string, readonly [number, number]>;

export interface InterviewReport {
  reportVersion: typeof REPORT_VERSION;
  /** `complete`: graded. `partial`: metrics and transcript only (see `partialReason`). */
  status: 'complete' | 'partial';
  partialReason?: PartialReason;
  /** Made by the offline simulator: scores come from measured metrics, not a model. */
  simulated: boolean;
  generatedAt: string;
  interview: { id: string; title: string; role: string; level: string; language: string };
  endReason: EndReason;
  /** 0-100, computed by the relay from the criterion scores and weights; null in a partial report. */
  overallScore: number | null;
  summary: string;
  strengths: string[];
  improvements: string[];
  criteria: CriterionScore[];
  /** Evidence quotes dropped over all criteria. */
  evidenceDropped: number;
  questions: ReportQuestion[];
  delivery: DeliverySummary;
  ranges: typeof DELIVERY_RANGES;
  transcript: { role: Role; text: string }[];
}
