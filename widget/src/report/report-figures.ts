import type { DeliverySummary, InterviewReport } from '../../../relay/protocol/index';
import type { ReportStrings } from './report-strings';

/** One delivery figure as shown: its label, value, the range it is judged against, and the verdict. */
export interface Figure {
  label: string;
  value: string;
  aim: string | null;
  inRange: boolean | null;
}

function judge(value: number | null, [low, high]: readonly [number, number]): boolean | null {
  return value === null ? null : value >= low && value <= high;
}

/** The overall delivery figures with their ranges, for the card and the Markdown download. */
export function deliveryFigures(report: InterviewReport, s: ReportStrings): Figure[] {
  const d: DeliverySummary = report.delivery;
  const r = report.ranges;
  const seconds = (ms: number | null) => (ms === null ? s.notMeasured : s.seconds(ms));
  const range = (low: string, high: string) => s.aim(`${low}–${high}`);
  return [
    {
      label: s.pace,
      value: d.wpm === null ? s.notMeasured : s.wpm(d.wpm),
      aim: range(String(r.wpm[0]), s.wpm(r.wpm[1])),
      inRange: judge(d.wpm, r.wpm),
    },
    {
      label: s.fillers,
      value: d.fillersPerMinute === null ? s.notMeasured : s.perMinute(d.fillersPerMinute),
      aim: range(String(r.fillersPerMinute[0]), s.perMinute(r.fillersPerMinute[1])),
      inRange: judge(d.fillersPerMinute, r.fillersPerMinute),
    },
    {
      label: s.longestPause,
      value: d.speakingMs > 0 ? seconds(d.longestPauseMs) : s.notMeasured,
      aim: s.aim(`≤ ${s.seconds(r.longestPauseMs[1])}`),
      inRange: d.speakingMs > 0 ? judge(d.longestPauseMs, r.longestPauseMs) : null,
    },
    {
      label: s.firstWord,
      value: seconds(d.firstWordMs),
      aim: s.aim(`≤ ${s.seconds(r.firstWordMs[1])}`),
      inRange: judge(d.firstWordMs, r.firstWordMs),
    },
    {
      label: s.speakingShare,
      value: d.speakingShare === null ? s.notMeasured : s.percent(d.speakingShare),
      aim: range(String(Math.round(r.speakingShare[0] * 100)), s.percent(r.speakingShare[1])),
      inRange: judge(d.speakingShare, r.speakingShare),
    },
    {
      label: s.answered,
      value: `${s.answeredValue(d.questionsAnswered, d.questionsAsked, d.questionsSkipped)} (${s.answerModes(d.spokenAnswers, d.typedAnswers)})`,
      aim: null,
      inRange: null,
    },
  ];
}

export function flagText(flag: string, s: ReportStrings): string {
  return flag === 'transcript-short' ? s.flagTranscriptShort : s.flagNotTranscribed;
}
