import type { Localized } from '../i18n/localize';

/**
 * The texts of the report card and the Markdown download, from the element's string table (keys `r…`,
 * widget/src/i18n/en.ts); functions take the numbers they show and format them for the language.
 */
export function reportStrings(l: Localized) {
  const t = l.t;
  return {
    title: t.rTitle,
    simulated: t.rSimulated,
    partial: t.rPartial,
    overall: t.rOverall,
    outOf100: t.rOutOf100,
    scores: t.rScores,
    criterion: t.rCriterion,
    score: t.rScore,
    rationale: t.rRationale,
    scoreOf5: (score: number) => l.f('rScoreOf5', score),
    weight: (weight: number) => l.f('rWeight', weight),
    evidence: t.rEvidence,
    evidenceDropped: (n: number) => l.f('rEvidenceDropped', n),
    delivery: t.rDelivery,
    pace: t.rPace,
    fillers: t.rFillers,
    longestPause: t.rLongestPause,
    firstWord: t.rFirstWord,
    speakingShare: t.rSpeakingShare,
    answered: t.rAnswered,
    answeredValue: (answered: number, asked: number, skipped: number) =>
      l.f('rAnsweredValue', answered, asked) + (skipped ? `, ${l.f('rSkippedCount', skipped)}` : ''),
    answerModes: (spoken: number, typed: number) => l.f('rAnswerModes', spoken, typed),
    wpm: (n: number) => l.f('rWpm', n),
    perMinute: (n: number) => l.f('rPerMinute', n),
    seconds: (ms: number) => l.f('rSeconds', Math.round(ms / 100) / 10),
    percent: (share: number) => l.f('rPercent', Math.round(share * 100)),
    notMeasured: t.rNotMeasured,
    aim: (range: string) => l.f('rAim', range),
    inRange: t.rInRange,
    outOfRange: t.rOutOfRange,
    strengths: t.rStrengths,
    improvements: t.rImprovements,
    questions: t.rQuestions,
    question: (n: number) => l.f('rQuestion', n),
    skipped: t.rSkipped,
    noAnswer: t.rNoAnswer,
    typed: t.rTyped,
    answerFigures: (speech: string, words: number | null) =>
      l.f('rSpeech', speech) + (words === null ? '' : `, ${l.f('rWords', words)}`),
    strong: t.rStrong,
    missing: t.rMissing,
    suggestion: t.rSuggestion,
    flagTranscriptShort: t.rFlagTranscriptShort,
    flagNotTranscribed: t.rFlagNotTranscribed,
    transcript: t.transcript,
    you: t.you,
    interviewer: t.interviewer,
    downloadJson: t.rDownloadJson,
    downloadMarkdown: t.rDownloadMarkdown,
    practiceAgain: t.rPracticeAgain,
  };
}

export type ReportStrings = ReturnType<typeof reportStrings>;
