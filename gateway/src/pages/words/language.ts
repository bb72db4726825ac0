import type { Request, RequestHandler } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';

/** The languages the pages speak; the first is the default. */
export const languages = ['nl', 'en'] as const;

/** One language of the pages. */
export type Language = (typeof languages)[number];

/** Dutch: what the pages speak unless the person picks another language. */
export const defaultLanguage: Language = 'nl';

/** The cookie that remembers a person's choice of language. */
export const languageCookieName = 'stadspas_lang';

const oneYearSeconds = 365 * 24 * 60 * 60;

/** Tells whether a value names one of the pages' languages. Never throws. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language picked in the address (`?lang=en`), if any. */
function pickedLanguage(req: Request): Language | undefined {
  const picked = (req.query as Record<string, unknown>).lang;
  return isLanguage(picked) ? picked : undefined;
}

/**
 * The language to answer a request in: the one picked in its address, else the one its cookie remembers, else
 * Dutch. The browser's Accept-Language is not asked: a phone set up in English still gets Dutch pages until its
 * user picks English, so that a page reads the same at every counter.
 */
export function languageOf(req: Request): Language {
  const picked = pickedLanguage(req);
  if (picked !== undefined) {
    return picked;
  }
  const header = req.get('cookie');
  const remembered = header === undefined ? undefined : parseCookie(header)[languageCookieName];
  return isLanguage(remembered) ? remembered : defaultLanguage;
}

/**
 * Remembers a language picked in the address in a cookie for a year, so the next page speaks it too. The cookie
 * holds nothing but the language, so it is sent on links from other sites as well (SameSite=Lax).
 */
export function rememberLanguage(): RequestHandler {
  return (req, res, next) => {
    const picked = pickedLanguage(req);
    if (picked !== undefined) {
      res.append(
        'Set-Cookie',
        stringifySetCookie({
          name: languageCookieName,
          value: picked,
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          maxAge: oneYearSeconds,
        }),
      );
    }
    next();
  };
}

/** The address of the same page in another language: the request's path and query, with `lang` set. */
export function languageSwitchHref(req: Request, to: Language): string {
  const url = new URL(req.originalUrl, 'http://page.invalid');
  url.searchParams.set('lang', to);
  return `${url.pathname}${url.search}`;
}

/** The language a switch on a page in `lang` offers. */
export function otherLanguage(lang: Language): Language {
  return lang === 'nl' ? 'en' : 'nl';
}
