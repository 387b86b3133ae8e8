/**
 * Evidence quotes are checked against what the candidate said before they reach a report: both sides are
 * normalised (Unicode NFKC, case, curly quotes, punctuation and whitespace), and a quote must appear in the
 * candidate's transcript as written; an ellipsis may join parts that appear in that order. Quotes of fewer
 * than {@link MIN_QUOTE_WORDS} words prove nothing and are dropped too.
 */
export const MIN_QUOTE_WORDS = 3;

export function normaliseForQuotes(text: string): string {
  return ` ${text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

export class EvidenceChecker {
  readonly #haystack: string;

  constructor(candidateTexts: readonly string[]) {
    this.#haystack = normaliseForQuotes(candidateTexts.join(' \n '));
  }

  /** True when the quote is the candidate's own words. */
  verify(quote: string): boolean {
    const parts = quote
      .split(/\.{3}|…|\[\.\.\.\]/)
      .map((part) => normaliseForQuotes(part))
      .filter((part) => part.trim() !== '');
    const wordCount = parts.reduce((n, part) => n + part.trim().split(' ').length, 0);
    if (parts.length === 0 || wordCount < MIN_QUOTE_WORDS) return false;
    let from = 0;
    for (const part of parts) {
      const at = this.#haystack.indexOf(part, from);
      if (at < 0) return false;
      from = at + part.length - 1;
    }
    return true;
  }

  /** Keeps the verified quotes, in order, and counts the rest. */
  filter(quotes: readonly string[]): { kept: string[]; dropped: number } {
    const kept = quotes.filter((quote) => this.verify(quote));
    return { kept, dropped: quotes.length - kept.length };
  }
}
