import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FILLER_WORDS } from './filler-words';
import { countFillers, countRepeatedStarts, perMinute, words } from './word-metrics';

test('words are runs of letters and digits, apostrophes kept, in any script', () => {
  assert.deepEqual(words("I've shipped v2, ähm — 30% faster!"), [
    "i've",
    'shipped',
    'v2',
    'ähm',
    '30',
    'faster',
  ]);
});

test('fillers are counted per language, multi-word ones as phrases', () => {
  const cases: [string, string, Record<string, number>][] = [
    [
      'en-US',
      'Um, so I, uh, you know, basically rebuilt it. Um.',
      { um: 2, uh: 1, 'you know': 1, basically: 1 },
    ],
    ['es-ES', 'Eh, pues, o sea, lo hice yo. Bueno, eh.', { eh: 2, pues: 1, 'o sea': 1, bueno: 1 }],
    ['de-DE', 'Äh, ich habe das halt sozusagen ähm selbst gebaut.', { äh: 1, halt: 1, sozusagen: 1, ähm: 1 }],
    ['fr-FR', 'Euh, en fait, du coup j’ai, euh, tout refait.', { euh: 2, 'en fait': 1, 'du coup': 1 }],
  ];
  for (const [language, text, expected] of cases) {
    const counted = countFillers(text, language);
    assert.deepEqual(counted.byWord, expected, language);
    assert.equal(
      counted.total,
      Object.values(expected).reduce((a, b) => a + b, 0),
      language,
    );
  }
  assert.ok(Object.keys(FILLER_WORDS).length >= 4);
});

test('an unknown language falls back to the English fillers; ordinary words are not fillers', () => {
  assert.equal(countFillers('um', 'pt-BR').total, 1);
  assert.equal(countFillers('I like actually shipping, so we did.', 'en').total, 0);
});

test('repeated-word starts count immediate repetitions of a word, not of numbers', () => {
  assert.equal(countRepeatedStarts('I I think the the the cache was 10 10 ms'), 3);
  assert.equal(countRepeatedStarts('No repetition here.'), 0);
});

test('per-minute rates need enough time to mean anything', () => {
  assert.equal(perMinute(150, 60_000, 3_000), 150);
  assert.equal(perMinute(5, 30_000, 3_000), 10);
  assert.equal(perMinute(5, 2_000, 3_000), null);
});
