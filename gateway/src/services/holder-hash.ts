import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** A fresh random salt for one holder: 16 bytes, hex. */
export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** The public hash of a holder's personal data: hex sha256 of salt followed by the canonical JSON. */
export function holderHashOf(salt: string, personalData: unknown): string {
  return createHash('sha256')
    .update(salt + canonicalJson(personalData), 'utf8')
    .digest('hex');
}
