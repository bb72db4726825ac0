/**
 * The one place where values become bytes and back. Keys are sorted so every endorsing peer writes
 * byte-identical values (endorsements must match), and `undefined` fields are dropped.
 */

/** Canonical JSON: object keys sorted at every depth, no whitespace. Never throws for plain data. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) {
        sorted[key] = sortKeys(field);
      }
    }
    return sorted;
  }
  return value;
}

/** Serialises a record for the ledger. */
export function toBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/**
 * Reads a record written by {@link toBytes}.
 *
 * @throws {SyntaxError} when the bytes are not JSON (only possible if the ledger was written by other code).
 */
export function fromBytes(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}
