import { expect } from '@open-wc/testing';
import { de } from '../src/i18n/de';
import { en } from '../src/i18n/en';
import { es } from '../src/i18n/es';
import { fr } from '../src/i18n/fr';
import { Localized, tableFor } from '../src/i18n/localize';
import { describe, it } from './harness/mocha';

const placeholders = (text: string) => [...text.matchAll(/\{\d\}/g)].map((m) => m[0]).sort();

describe('the string tables', () => {
  for (const [lang, packed] of Object.entries({ de, es, fr })) {
    it(`${lang} has one non-empty line per English key, with the same placeholders`, () => {
      const lines = packed.split('\n');
      const keys = Object.keys(en) as (keyof typeof en)[];
      expect(lines.length).to.equal(keys.length);
      keys.forEach((key, i) => {
        const line = lines[i] ?? '';
        expect(line.trim(), `${lang} ${key}`).to.not.equal('');
        expect(placeholders(line), `${lang} ${key}: ${line}`).to.deep.equal(placeholders(en[key]));
      });
      expect(tableFor(lang).start).to.not.equal(en.start);
    });
  }

  it('falls back to English for other languages, and formats numbers for the language', () => {
    expect(tableFor('pt-BR')).to.equal(en);
    expect(tableFor('not a tag')).to.equal(en);
    expect(new Localized('de', undefined).f('rSeconds', 1.5)).to.equal('1,5 s');
    expect(new Localized('en', undefined).f('rSeconds', 1.5)).to.equal('1.5 s');
    expect(new Localized('fr', undefined).clock(125)).to.equal('2:05');
    expect(new Localized('xx-invalid-!', { start: 'Go' }).t.start).to.equal('Go');
  });
});
