import type { Localized } from '../i18n/localize';

/**
 * The report card and the Markdown download take their texts straight from the element's string table
 * (keys `r…`, widget/src/i18n/en.ts) through {@link Localized} (`s.t.rTitle`, `s.f('rWpm', n)`); the few
 * texts built from several strings are here. (Not an object of renamed copies: that cost 0.4 KB gzip.)
 */
export type ReportStrings = Localized;

export const seconds = (s: Localized, ms: number) => s.f('rSeconds', Math.round(ms / 100) / 10);

export const percent = (s: Localized, share: number) => s.f('rPercent', Math.round(share * 100));

export const answeredValue = (s: Localized, answered: number, asked: number, skipped: number) =>
  s.f('rAnsweredValue', answered, asked) + (skipped ? `, ${s.f('rSkippedCount', skipped)}` : '');

export const answerModes = (s: Localized, spoken: number, typed: number) =>
  s.f('rAnswerModes', spoken, typed);

export const answerFigures = (s: Localized, speech: string, words: number | null) =>
  s.f('rSpeech', speech) + (words === null ? '' : `, ${s.f('rWords', words)}`);
