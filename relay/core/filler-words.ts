/**
 * Filler words per interview language (the template's BCP 47 tag, matched on its primary subtag). Words that
 * are often meaningful ("like", "so", "also", "actually" in English, "also" in German) are left out so a
 * candidate is not counted for ordinary speech. Multi-word fillers are written with single spaces.
 */
export const FILLER_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'um',
    'umm',
    'uh',
    'uhm',
    'er',
    'erm',
    'ah',
    'hmm',
    'you know',
    'i mean',
    'kind of',
    'sort of',
    'basically',
  ],
  es: ['eh', 'em', 'este', 'pues', 'o sea', 'bueno', 'digamos', 'tipo', 'mmm'],
  de: ['äh', 'ähm', 'öhm', 'hm', 'halt', 'quasi', 'sozusagen', 'irgendwie', 'eigentlich'],
  fr: ['euh', 'heu', 'bah', 'ben', 'genre', 'en fait', 'du coup', 'tu vois', 'tu sais', 'disons'],
};

export function fillerWordsFor(language: string): readonly string[] {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  return FILLER_WORDS[primary] ?? FILLER_WORDS.en ?? [];
}
