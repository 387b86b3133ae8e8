/**
 * Splits text into the kind of fragments the Live API streams as transcriptions: word groups where every
 * fragment after the first keeps its leading space, so concatenating them restores the text exactly.
 */
export function splitIntoFragments(text: string, wordsPerFragment = 4): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += wordsPerFragment) {
    out.push(tokens.slice(i, i + wordsPerFragment).join(''));
  }
  return out;
}
