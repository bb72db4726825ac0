export {
  defaultLanguage,
  isLanguage,
  languageOf,
  languages,
  languageSwitchHref,
  otherLanguage,
  rememberLanguage,
} from './language';
export type { Language } from './language';
export type { MessageKey, Messages } from './messages-nl';
export { catalogues, fill, isMessageKey, locales, wordsFor, wordsOf, wordsScript } from './words';
export type { MessageParams, Words } from './words';
