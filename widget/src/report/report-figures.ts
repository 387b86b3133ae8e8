import type { DeliverySummary, InterviewReport } from '../../../relay/protocol/index';
import { answeredValue, answerModes, percent, type ReportStrings, seconds } from './report-strings';

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
  const measured = (ms: number | null) => (ms === null ? s.t.rNotMeasured : seconds(s, ms));
  const range = (low: string, high: string) => s.f('rAim', `${low}–${high}`);
  return [
    {
      label: s.t.rPace,
      value: d.wpm === null ? s.t.rNotMeasured : s.f('rWpm', d.wpm),
      aim: range(String(r.wpm[0]), s.f('rWpm', r.wpm[1])),
      inRange: judge(d.wpm, r.wpm),
    },
    {
      label: s.t.rFillers,
      value: d.fillersPerMinute === null ? s.t.rNotMeasured : s.f('rPerMinute', d.fillersPerMinute),
      aim: range(String(r.fillersPerMinute[0]), s.f('rPerMinute', r.fillersPerMinute[1])),
      inRange: judge(d.fillersPerMinute, r.fillersPerMinute),
    },
    {
      label: s.t.rLongestPause,
      value: d.speakingMs > 0 ? measured(d.longestPauseMs) : s.t.rNotMeasured,
      aim: s.f('rAim', `≤ ${seconds(s, r.longestPauseMs[1])}`),
      inRange: d.speakingMs > 0 ? judge(d.longestPauseMs, r.longestPauseMs) : null,
    },
    {
      label: s.t.rFirstWord,
      value: measured(d.firstWordMs),
      aim: s.f('rAim', `≤ ${seconds(s, r.firstWordMs[1])}`),
      inRange: judge(d.firstWordMs, r.firstWordMs),
    },
    {
      label: s.t.rSpeakingShare,
      value: d.speakingShare === null ? s.t.rNotMeasured : percent(s, d.speakingShare),
      aim: range(String(Math.round(r.speakingShare[0] * 100)), percent(s, r.speakingShare[1])),
      inRange: judge(d.speakingShare, r.speakingShare),
    },
    {
      label: s.t.rAnswered,
      value: `${answeredValue(s, d.questionsAnswered, d.questionsAsked, d.questionsSkipped)} (${answerModes(s, d.spokenAnswers, d.typedAnswers)})`,
      aim: null,
      inRange: null,
    },
  ];
}

export function flagText(flag: string, s: ReportStrings): string {
  return flag === 'transcript-short' ? s.t.rFlagTranscriptShort : s.t.rFlagNotTranscribed;
}
