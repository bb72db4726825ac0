import type { Contract } from '@hyperledger/fabric-gateway';

export {
  credentialsFrom,
  enrolledCredentials,
  openGateway,
  peerConnection,
  type Credentials,
  type GatewaySession,
} from '../../../network/src/fabric-client';

/** Submits a transaction whose request is one JSON argument and parses its JSON result. */
export async function submitJson<T>(contract: Contract, name: string, request: unknown): Promise<T> {
  const result = await contract.submitTransaction(name, JSON.stringify(request));
  return JSON.parse(Buffer.from(result).toString('utf8')) as T;
}

/** Evaluates a transaction whose request is one JSON argument and parses its JSON result. */
export async function evaluateJson<T>(contract: Contract, name: string, request?: unknown): Promise<T> {
  const args = request === undefined ? [] : [JSON.stringify(request)];
  const result = await contract.evaluateTransaction(name, ...args);
  return JSON.parse(Buffer.from(result).toString('utf8')) as T;
}

/**
 * Awaits a call that must fail and returns everything the failure says: its message and each
 * peer's detail (a chaincode refusal travels in the details of an endorsement error).
 * @throws Error when the call succeeds.
 */
export async function refusalOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const e = error as { message?: string; details?: { message: string }[] };
    return [e.message ?? String(error), ...(e.details ?? []).map((d) => d.message)].join('\n');
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
