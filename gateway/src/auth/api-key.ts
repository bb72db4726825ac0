import { createHash, randomBytes } from 'node:crypto';

/** The sha256 hex digest under which an API key is stored. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** A new random API key: 32 bytes, base64url, with a prefix so leaked keys are easy to recognise. */
export function newApiKey(): string {
  return `spk_${randomBytes(32).toString('base64url')}`;
}
