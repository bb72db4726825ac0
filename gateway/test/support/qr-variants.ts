const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The same payload with only the unused low bits of its last character changed: a lenient base64url decoder
 * reads the same signature bytes from it.
 */
export function withLowBitsChanged(payload: string): string {
  const last = alphabet.indexOf(payload.slice(-1));
  return `${payload.slice(0, -1)}${alphabet[last ^ 1] ?? ''}`;
}
