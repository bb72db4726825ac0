import { EXPIRED_CODE_DETAIL } from '@stadspas/chaincode/vocabulary';
import { isMessageKey, type Words } from './words';

/**
 * An error code of the API in plain words for the people at a counter or desk: the catalogue's `refusal.<code>`
 * message, the same one the pages' scripts show, so a refusal reads the same on every page. Where the words need
 * the particulars (which field, what it clashes with), they carry the API's message as `{message}`. A code
 * without words shows the API's own message.
 */
export function refusalText(words: Words, code: string, message: string): string {
  // An app's code that is only too old reads as such: "verlopen code".
  const expired = code === 'INVALID_QR' && message.includes(EXPIRED_CODE_DETAIL);
  const key = expired ? 'refusal.EXPIRED_CODE' : `refusal.${code}`;
  return isMessageKey(key) ? words.t(key, { message }) : message;
}
