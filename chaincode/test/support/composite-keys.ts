// Fabric's composite key encoding: U+0000, object type, then each attribute followed by U+0000.
const NS = '\u0000';

export function createCompositeKey(objectType: string, attributes: string[]): string {
  for (const part of [objectType, ...attributes]) {
    if (part.length === 0 || part.includes(NS) || part.includes('\u{10FFFF}')) {
      throw new Error('object type or attribute not a non-zero length string');
    }
  }
  return NS + objectType + NS + attributes.map((attribute) => attribute + NS).join('');
}

export function splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
  if (!compositeKey.startsWith(NS)) {
    return { objectType: '', attributes: [] };
  }
  const [objectType = '', ...attributes] = compositeKey.slice(1, -1).split(NS);
  return { objectType, attributes };
}
