import type { Request } from 'express';
import { languageOf, type Language } from './language';
import { en } from './messages-en';
import { nl, type MessageKey, type Messages } from './messages-nl';

/** The catalogue of each language. */
export const catalogues: Readonly<Record<Language, Messages>> = { nl, en };

/** The locale that numbers, amounts and dates follow in each language. */
export const locales: Readonly<Record<Language, string>> = { nl: 'nl-NL', en: 'en-GB' };

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message with its placeholders filled in; a placeholder without a value stays as it is. */
export function fill(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The words of the pages in one language, and its way of writing amounts and dates. */
export interface Words {
  readonly lang: Language;
  /** The BCP 47 locale of the language, for `Intl`. */
  readonly locale: string;
  /** A message of the catalogue, with its placeholders filled in. */
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** An amount in a voucher's unit as people read it: euros from cents (`€ 12,50`), or a count of entries. */
  readonly amount: (value: number, unit: string) => string;
  /** The date of an ISO timestamp (UTC), written out: `31 december 2026`. */
  readonly date: (iso: string) => string;
  /** The last day an end timestamp still covers: the API's ends are exclusive (1 January 00:00 covers 31 December). */
  readonly lastDay: (iso: string) => string;
}

function makeWords(lang: Language): Words {
  const messages = catalogues[lang];
  const locale = locales[lang];
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const plural = new Intl.PluralRules(locale);
  const t = (key: MessageKey, params?: MessageParams): string => fill(messages[key], params);
  return Object.freeze({
    lang,
    locale,
    t,
    amount: (value: number, unit: string): string =>
      unit === 'cents'
        ? euros.format(value / 100)
        : t(plural.select(value) === 'one' ? 'amount.entry.one' : 'amount.entry.other', { n: value }),
    date: (iso: string): string => dates.format(Date.parse(iso)),
    lastDay: (iso: string): string => dates.format(Date.parse(iso) - 1),
  });
}

const wordsByLanguage: Readonly<Record<Language, Words>> = { nl: makeWords('nl'), en: makeWords('en') };

/** The words of the pages in a language. */
export function wordsFor(lang: Language): Words {
  return wordsByLanguage[lang];
}

/** The words of the pages in the language a request asks for (see {@link languageOf}). */
export function wordsOf(req: Request): Words {
  return wordsFor(languageOf(req));
}

/** Tells whether a string is a key of the catalogue. Never throws. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

/**
 * What the pages' scripts get as `window.stadspasWords`: the language, its locale and its whole catalogue, so a
 * script's words come from the same table as the server's.
 */
export function wordsScript(lang: Language): string {
  return wordsScripts[lang];
}

function makeWordsScript(lang: Language): string {
  const words = { lang, locale: locales[lang], messages: catalogues[lang] };
  return `window.stadspasWords = ${JSON.stringify(words)};\n`;
}

/** The catalogues do not change while the gateway runs, so each script is written once. */
const wordsScripts: Readonly<Record<Language, string>> = {
  nl: makeWordsScript('nl'),
  en: makeWordsScript('en'),
};
