import { createHash } from 'node:crypto';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { canonicalJson } from '../ledger/json';
import { keys } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import type { RedeemResponse, RedemptionRecord } from '../vocabulary';

/** What a venue's request id is bound to: the content it first came with and what it booked. */
interface RequestRecord {
  fingerprint: string;
  redemptionId: string;
  remaining?: number;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The content of a request that a retry must repeat exactly (everything but the request id), as the SHA-256 of
 * its canonical JSON: every booking stores one, so it stays short.
 */
export function fingerprintOf(operation: string, content: object): string {
  return sha256Hex(canonicalJson({ operation, ...content }));
}

/**
 * Whether a stored fingerprint is this one. A request remembered before fingerprints were digests holds the
 * canonical JSON itself (an object's JSON, never hex), which is compared by its digest.
 */
export function sameFingerprint(stored: string, fingerprint: string): boolean {
  return stored === fingerprint || (stored.startsWith('{') && sha256Hex(stored) === fingerprint);
}

/**
 * Looks up an earlier booking under the venue's request id. Request ids are scoped per venue, so
 * one venue's ids never collide with another's.
 *
 * @returns the original response (marked replayed) or `undefined` for a new request id.
 * @throws {ChaincodeError} IDEMPOTENCY_MISMATCH when the id was used with other content.
 */
export async function replayOf(
  ctx: TxContext,
  venueId: string,
  requestId: string,
  fingerprint: string,
): Promise<RedeemResponse | undefined> {
  const seen = await readRecord<RequestRecord>(ctx, keys.request(venueId, requestId));
  if (seen === undefined) {
    return undefined;
  }
  if (!sameFingerprint(seen.fingerprint, fingerprint)) {
    fail('IDEMPOTENCY_MISMATCH', `request ${requestId} was used before with other content`);
  }
  const redemption = await readRecord<RedemptionRecord>(ctx, keys.redemption(seen.redemptionId));
  return {
    redemption: redemption ?? fail('NOT_FOUND', `redemption ${seen.redemptionId} does not exist`),
    replayed: true,
    remaining: seen.remaining,
  };
}

/** Binds the venue's request id to what this transaction booked. */
export async function rememberRequest(
  ctx: TxContext,
  fingerprint: string,
  response: RedeemResponse,
): Promise<void> {
  const { venueId, requestId, redemptionId } = response.redemption;
  const record: RequestRecord = { fingerprint, redemptionId, remaining: response.remaining };
  await writeRecord(ctx, keys.request(venueId, requestId), record);
}
