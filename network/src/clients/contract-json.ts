import type { Contract } from '@hyperledger/fabric-gateway';
import { CARD_TRANSIENT_KEY } from '@stadspas/chaincode/vocabulary';

/**
 * Submits a transaction whose request is one JSON argument (and any secrets as transient data) and parses its
 * JSON result.
 * @throws whatever the gateway client throws when the transaction is not endorsed or not committed.
 */
export async function submitJson<T>(
  contract: Contract,
  name: string,
  request: unknown,
  transient?: Readonly<Record<string, string>>,
): Promise<T> {
  const result = await contract.submit(name, {
    arguments: [JSON.stringify(request)],
    ...transientData(transient),
  });
  return JSON.parse(Buffer.from(result).toString('utf8')) as T;
}

/**
 * Evaluates a transaction whose request is one JSON argument (and any secrets as transient data) and parses its
 * JSON result.
 * @throws whatever the gateway client throws when the evaluation fails.
 */
export async function evaluateJson<T>(
  contract: Contract,
  name: string,
  request?: unknown,
  transient?: Readonly<Record<string, string>>,
): Promise<T> {
  const args = request === undefined ? [] : [JSON.stringify(request)];
  const result = await contract.evaluate(name, { arguments: args, ...transientData(transient) });
  return JSON.parse(Buffer.from(result).toString('utf8')) as T;
}

/** A card's QR payload as the transient data that presents it (`redemptions:Scan`, `redemptions:Redeem`). */
export function presentingCard(qr: string): Readonly<Record<string, string>> {
  return { [CARD_TRANSIENT_KEY]: qr };
}

function transientData(transient: Readonly<Record<string, string>> | undefined): {
  transientData?: Record<string, string>;
} {
  return transient === undefined ? {} : { transientData: { ...transient } };
}

/**
 * The message of an error, with the messages the peers returned where the gateway client attached them (a
 * refusal by the chaincode, e.g. `FORBIDDEN: ...`, travels there). Never throws.
 */
export function errorDetail(error: unknown): string {
  const details = (error as { details?: { address?: string; message?: string }[] }).details ?? [];
  const message = error instanceof Error ? error.message : String(error);
  return [message, ...details.map((d) => `${d.address ?? 'peer'}: ${d.message ?? ''}`)].join(', ');
}
