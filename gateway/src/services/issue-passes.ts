import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  HOLDER_TRANSIENT_KEY,
  type HolderTransient,
  type IssuePassRequest,
  type PassRecord,
  type PersonalData,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import { toAppError } from '../errors/error-handler';
import { holderHashOf, newSalt } from './holder-hash';
import type { ServiceDeps } from './service-deps';

/** A pass to issue, with its holder's personal data. */
export interface NewPass {
  readonly passId: string;
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly personalData: PersonalData;
}

/** An issued pass, with the QR payload for its card when this gateway signs payloads. */
export interface IssuedPass {
  readonly pass: PassRecord;
  readonly qr: string | undefined;
  readonly transactionId: string;
}

interface PreparedPass {
  readonly request: IssuePassRequest;
  readonly holder: HolderTransient;
}

/** Draws the salt and the pseudonymous holder reference; only their hash goes on the shared ledger. */
function prepare(pass: NewPass): PreparedPass {
  const salt = newSalt();
  return {
    request: {
      passId: pass.passId,
      category: pass.category,
      validFrom: pass.validFrom,
      validUntil: pass.validUntil,
      holderRef: `holder-${randomUUID()}`,
      holderHash: holderHashOf(salt, pass.personalData),
    },
    holder: { passId: pass.passId, salt, personalData: pass.personalData },
  };
}

/** How often recording a holder is tried when the network, not the request, failed. */
const holderAttempts = 3;
const holderRetryPauseMs = 500;

/**
 * Stores the holder's personal data in the municipality's private collection. It travels in the transient map
 * only, in a transaction of its own: transient data narrows endorsement to the collection's members. The pass
 * exists by now, so network trouble is retried (recording the same data twice writes the same value); if it
 * still fails, the error says the pass was issued without its holder.
 * @throws {AppError} with the ledger's code and a message naming the issued pass.
 */
async function recordHolder(
  deps: ServiceDeps,
  client: ClientIdentity,
  holder: HolderTransient,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.ledger.submit(client, 'passes:RecordHolder', undefined, {
        transient: { [HOLDER_TRANSIENT_KEY]: JSON.stringify(holder) },
      });
      return;
    } catch (err) {
      const failure = toAppError(err);
      if (attempt < holderAttempts && retryableCodes.has(failure.code)) {
        await sleep(holderRetryPauseMs);
        continue;
      }
      throw new AppError(
        failure.code,
        `pass ${holder.passId} was issued, but its holder was not recorded: ${failure.detail}`,
        { transactionId: failure.transactionId, cause: err },
      );
    }
  }
}

const retryableCodes: ReadonlySet<string> = new Set(['UNAVAILABLE', 'COMMIT_UNKNOWN', 'CONFLICT']);

/**
 * Issues one pass (public record with the salted hash) and then records its holder privately.
 * @throws {AppError} with the chaincode's code (FORBIDDEN, ALREADY_EXISTS, INVALID_ARGUMENT, …) or a ledger code.
 */
export async function issuePass(
  deps: ServiceDeps,
  client: ClientIdentity,
  pass: NewPass,
): Promise<IssuedPass> {
  const prepared = prepare(pass);
  const issued = await deps.ledger.submit(client, 'passes:IssuePass', prepared.request);
  await recordHolder(deps, client, prepared.holder);
  return { pass: issued.result, qr: deps.qrSigner?.sign(pass.passId), transactionId: issued.transactionId };
}

/** The outcome of a batch: the issued ids and their QR payloads. */
export interface IssuedBatch {
  readonly issued: number;
  readonly passIds: readonly string[];
  readonly qr: Readonly<Record<string, string>> | undefined;
  readonly transactionId: string;
}

/** How many holder records are written at once after a batch; the peer's endorsement capacity is the limit. */
const holderConcurrency = 8;

/**
 * Issues many passes in one transaction, then records each holder privately.
 * @throws {AppError} as {@link issuePass}.
 */
export async function issuePasses(
  deps: ServiceDeps,
  client: ClientIdentity,
  passes: readonly NewPass[],
): Promise<IssuedBatch> {
  const prepared = passes.map(prepare);
  const issued = await deps.ledger.submit(client, 'passes:IssuePasses', {
    passes: prepared.map((p) => p.request),
  });
  for (let i = 0; i < prepared.length; i += holderConcurrency) {
    await Promise.all(
      prepared.slice(i, i + holderConcurrency).map((p) => recordHolder(deps, client, p.holder)),
    );
  }
  const signer = deps.qrSigner;
  return {
    issued: issued.result.issued,
    passIds: issued.result.passIds,
    qr:
      signer === undefined
        ? undefined
        : Object.fromEntries(issued.result.passIds.map((id) => [id, signer.sign(id)])),
    transactionId: issued.transactionId,
  };
}
