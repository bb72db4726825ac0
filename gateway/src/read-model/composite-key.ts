/** A Fabric composite key's object type and attributes. */
export interface CompositeKey {
  readonly type: string;
  readonly attributes: readonly string[];
}

/**
 * Splits a key written by the chaincode with `createCompositeKey`: `\u0000type\u0000attr\u0000…\u0000`.
 * A simple (non-composite) key gives undefined.
 */
export function parseCompositeKey(key: string): CompositeKey | undefined {
  if (!key.startsWith('\u0000') || !key.endsWith('\u0000') || key.length < 2) {
    return undefined;
  }
  const [type, ...attributes] = key.slice(1, -1).split('\u0000');
  return type === undefined || type === '' ? undefined : { type, attributes };
}
