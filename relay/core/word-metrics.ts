import { fillerWordsFor } from './filler-words';

/** Words of a transcript: runs of letters, digits and apostrophes, lower-cased. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? [];
}

/** Filler words and phrases in `text` for the interview language, with the count of each one heard. */
export function countFillers(
  text: string,
  language: string,
): { total: number; byWord: Record<string, number> } {
  const tokens = words(text);
  const byWord: Record<string, number> = {};
  let total = 0;
  for (const filler of fillerWordsFor(language)) {
    const parts = filler.split(' ');
    let count = 0;
    for (let i = 0; i + parts.length <= tokens.length; i++) {
      if (parts.every((part, k) => tokens[i + k] === part)) count++;
    }
    if (count > 0) {
      byWord[filler] = count;
      total += count;
    }
  }
  return { total, byWord };
}

/** Immediate repetitions of a word, the mark of a false start: "I I think" and "the the" count one each. */
export function countRepeatedStarts(text: string): number {
  const tokens = words(text).filter((token) => /\p{L}/u.test(token));
  let count = 0;
  for (let i = 1; i < tokens.length; i++) if (tokens[i] === tokens[i - 1]) count++;
  return count;
}

/** Per minute of `ms`; null when there is too little time for a rate to mean anything. */
export function perMinute(count: number, ms: number, minMs: number): number | null {
  if (ms < minMs || ms <= 0) return null;
  return Math.round((count * 60_000 * 10) / ms) / 10;
}
