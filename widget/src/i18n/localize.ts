import { de } from './de';
import { en, type UiStrings } from './en';
import { es } from './es';
import { fr } from './fr';

export type { StringKey, UiStrings } from './en';

/** The other languages, one line per key of {@link en} (the element caches what it unpacked). */
const PACKED: Record<string, string> = { de, es, fr };

function unpack(packed: string): UiStrings {
  const lines = packed.split('\n');
  return Object.fromEntries(
    Object.entries(en).map(([key, english], i) => [key, lines[i] || english]),
  ) as UiStrings;
}

/** The element's language: its own `lang`, else the nearest ancestor's, else the document's; `en` if none. */
export function resolveLang(el: Element): string {
  return el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
}

/** The table for a BCP 47 tag (`de-AT` → German), English for a language we have no table for. */
export function tableFor(lang: string): UiStrings {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  const packed = PACKED[primary];
  return packed === undefined ? en : unpack(packed);
}

/** Fills `{0}`, `{1}`… in a string of the table. */
export function format(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (_, index: string) => String(values[Number(index)] ?? ''));
}

/** A locale that `Intl` accepts, `en` when the tag is malformed. */
function locale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The strings and number formats of one language, with the page's overrides applied. */
export class Localized {
  readonly t: UiStrings;
  readonly lang: string;
  readonly #numbers: Intl.NumberFormat;
  readonly #twoDigits: Intl.NumberFormat;

  constructor(lang: string, overrides: Partial<UiStrings> | undefined) {
    this.lang = locale(lang);
    this.t = { ...tableFor(lang), ...overrides };
    this.#numbers = new Intl.NumberFormat(this.lang, { maximumFractionDigits: 1 });
    this.#twoDigits = new Intl.NumberFormat(this.lang, { minimumIntegerDigits: 2, useGrouping: false });
  }

  /** A number in the language's digits and separators (`1.5` → `1,5` in German). */
  number(value: number): string {
    return this.#numbers.format(value);
  }

  /** Seconds as `m:ss`, for the time remaining. */
  clock(seconds: number): string {
    const whole = Math.max(0, Math.round(seconds));
    return `${this.number(Math.floor(whole / 60))}:${this.#twoDigits.format(whole % 60)}`;
  }

  /** A table string with its placeholders filled; numbers go through {@link number}. */
  f(key: keyof UiStrings, ...values: (string | number)[]): string {
    return format(this.t[key], ...values.map((v) => (typeof v === 'number' ? this.number(v) : v)));
  }
}
