const codedPart = /(?:^|[\s,])([A-Z][A-Z0-9_]{2,63}): /g;

/** A stable error code and its human message, as carried in a chaincode error message. */
export interface CodedMessage {
  readonly code: string;
  readonly message: string;
}

/**
 * Finds the `<CODE>: <message>` part of an error message. Fabric wraps the chaincode's message in text of its
 * own (`chaincode response 500, <CODE>: ...`) and gRPC prefixes status names that look like codes (`ABORTED:`),
 * so only codes in `knownCodes` count. Returns undefined when no known code is present.
 */
export function parseCodedMessage(text: string, knownCodes: ReadonlySet<string>): CodedMessage | undefined {
  for (const match of text.matchAll(codedPart)) {
    const code = match[1];
    if (code !== undefined && knownCodes.has(code)) {
      const start = match.index + match[0].length;
      return { code, message: text.slice(start).trim() };
    }
  }
  return undefined;
}
