import type { Contract } from '@hyperledger/fabric-gateway';

/**
 * Submits a transaction whose request is one JSON argument and parses its JSON result.
 * @throws whatever the gateway client throws when the transaction is not endorsed or not committed.
 */
export async function submitJson<T>(contract: Contract, name: string, request: unknown): Promise<T> {
  const result = await contract.submitTransaction(name, JSON.stringify(request));
  return JSON.parse(Buffer.from(result).toString('utf8')) as T;
}

/**
 * Evaluates a transaction whose request is one JSON argument and parses its JSON result.
 * @throws whatever the gateway client throws when the evaluation fails.
 */
export async function evaluateJson<T>(contract: Contract, name: string, request?: unknown): Promise<T> {
  const args = request === undefined ? [] : [JSON.stringify(request)];
  const result = await contract.evaluateTransaction(name, ...args);
  return JSON.parse(Buffer.from(result).toString('utf8')) as T;
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
