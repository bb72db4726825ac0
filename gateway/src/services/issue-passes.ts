import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CARD_NUMBER_SECRET_TRANSIENT_KEY,
  HOLDER_TRANSIENT_KEY,
  HOLDERS_TRANSIENT_KEY,
  IDENTITY_ROLES,
  type HolderTransient,
  type ImportPassItem,
  type IssuePassRequest,
  type PassRecord,
  type PersonalData,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError, isAppError } from '../errors/app-error';
import { eraseHoldersWhenIssueFails } from './erase-unissued-holders';
import type { ImportPassesBody } from '../schemas/pass-schemas';
import type { ServiceDeps } from './service-deps';

/** A pass to issue, with its holder's personal data. */
export interface NewPass {
  /** The pass's pseudonym on the shared ledger; drawn by the gateway when absent. */
  readonly passId?: string | undefined;
  /** The number printed on the card; drawn by the gateway when absent. */
  readonly cardNumber?: string | undefined;
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly personalData: PersonalData;
}

/** An issued pass, with its card number and the QR payload for its card when this gateway signs payloads. */
export interface IssuedPass {
  readonly pass: PassRecord;
  readonly cardNumber: string;
  readonly qr: string | undefined;
  readonly transactionId: string;
}

interface PreparedPass {
  readonly request: IssuePassRequest;
  readonly holder: HolderTransient;
}

/** A pass's pseudonym on the shared ledger: random, so it says nothing of the card, the holder or the order. */
export function drawPassId(): string {
  return `P-${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** A card number for a card the desk prints itself: twelve random digits. */
export function drawCardNumber(): string {
  return `6${String(randomInt(10 ** 11)).padStart(11, '0')}`;
}

/**
 * Draws what the desk left out (the pass's pseudonym and its card number), a fresh salt for the private holder
 * record (so the hash Fabric keeps of it on the shared ledger cannot be matched against guessed personal data)
 * and a pseudonymous holder reference for the public pass.
 */
function prepare(pass: NewPass): PreparedPass {
  const passId = pass.passId ?? drawPassId();
  return {
    request: {
      passId,
      category: pass.category,
      validFrom: pass.validFrom,
      validUntil: pass.validUntil,
      holderRef: `holder-${randomUUID()}`,
    },
    holder: {
      passId,
      salt: randomBytes(16).toString('hex'),
      cardNumber: pass.cardNumber ?? drawCardNumber(),
      personalData: pass.personalData,
    },
  };
}

/**
 * The transient map that records holders: the holders, and a fresh secret the chaincode keeps as the key of the
 * municipality's card number index when it has none yet.
 */
function recordingHolders(key: string, holders: HolderTransient | HolderTransient[]): Record<string, string> {
  return {
    [key]: JSON.stringify(holders),
    [CARD_NUMBER_SECRET_TRANSIENT_KEY]: randomBytes(32).toString('hex'),
  };
}

/** How long an issue waits for the other endorsers to commit the holder's record, and how often it tries. */
const HOLDER_VISIBLE_WITHIN_MS = 15_000;
const HOLDER_RETRY_PAUSE_MS = 500;

/** The chaincode's refusal of an issue whose holder its endorsing peer has not committed (yet). */
function isHolderNotYetSeen(err: unknown): boolean {
  return isAppError(err) && err.code === 'NOT_FOUND' && err.detail.startsWith('no holder recorded for pass');
}

/**
 * Submits the issue after its holders were recorded, and submits it again while an endorsing peer refuses it for
 * a holder it does not know yet. The holder's record committed on the municipality's peer, but another
 * organisation's peer that endorses the issue (the majority policy) may be a block behind, and a peer that
 * was down catches up block by block: it sees the record's hash once it has that block. Each attempt is a new
 * transaction; a refused one changed nothing.
 */
async function issueOnceHoldersAreSeen<T>(submit: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + HOLDER_VISIBLE_WITHIN_MS;
  for (;;) {
    try {
      return await submit();
    } catch (err) {
      if (!isHolderNotYetSeen(err) || Date.now() + HOLDER_RETRY_PAUSE_MS > deadline) {
        throw err;
      }
      await sleep(HOLDER_RETRY_PAUSE_MS);
    }
  }
}

/**
 * Personal data may reach only the peers of the municipality's own collection. Another organisation's identity
 * would be endorsed first on that organisation's own peer, which would then see the data in the transient map
 * before the chaincode refused it: so a gateway of an organisation that is no municipality (it has no QR
 * signing key), or an identity that is no municipality's admin or staff, is refused before anything is sent.
 * @throws {AppError} FORBIDDEN on the gateway of an organisation that is no municipality, or for an identity
 * without the role admin or staff.
 */
function assertMayRecordHolders(deps: ServiceDeps, client: ClientIdentity): void {
  if (deps.qrSigner === undefined || !IDENTITY_ROLES.municipality.includes(client.role)) {
    throw new AppError(
      'FORBIDDEN',
      `only municipality identities (admin or staff) issue passes: ${client.mspId} ${client.role} may not`,
    );
  }
}

/**
 * Issues one pass: first the holder's personal data goes into the municipality's private collection, in a
 * transaction of its own that carries it in the transient map only and is endorsed by the municipality's own
 * peers only (when none answers it fails, UNAVAILABLE, rather than reach another organisation's peer); then the
 * public pass, which the chaincode refuses unless its holder is recorded. When the issue fails, the holder record is erased again (unless the issue's outcome is unknown), and repeating the
 * request records the holder again and issues.
 * @throws {AppError} FORBIDDEN for another organisation's identity (before anything is sent); otherwise the
 * chaincode's code (FORBIDDEN, ALREADY_EXISTS, NOT_FOUND, INVALID_ARGUMENT, …) or a ledger code.
 */
export async function issuePass(
  deps: ServiceDeps,
  client: ClientIdentity,
  pass: NewPass,
): Promise<IssuedPass> {
  assertMayRecordHolders(deps, client);
  const { request, holder } = prepare(pass);
  await deps.ledger.submit(client, 'passes:RecordHolder', undefined, {
    transient: recordingHolders(HOLDER_TRANSIENT_KEY, holder),
    endorsingOrganizations: [client.mspId],
  });
  const issued = await eraseHoldersWhenIssueFails(deps, client, [request.passId], () =>
    issueOnceHoldersAreSeen(() => deps.ledger.submit(client, 'passes:IssuePass', request)),
  );
  return {
    pass: issued.result,
    cardNumber: holder.cardNumber,
    qr: deps.qrSigner?.sign(request.passId),
    transactionId: issued.transactionId,
  };
}

/** The outcome of a batch: the issued ids, their card numbers and their QR payloads. */
export interface IssuedBatch {
  readonly issued: number;
  readonly passIds: readonly string[];
  readonly cardNumbers: Readonly<Record<string, string>>;
  readonly qr: Readonly<Record<string, string>> | undefined;
  readonly transactionId: string;
}

/**
 * Issues many passes in two transactions: one records every holder privately, then one issues every pass; when
 * that fails, every holder of the batch is erased again (as in {@link issuePass}).
 * @throws {AppError} as {@link issuePass}.
 */
export async function issuePasses(
  deps: ServiceDeps,
  client: ClientIdentity,
  passes: readonly NewPass[],
): Promise<IssuedBatch> {
  assertMayRecordHolders(deps, client);
  const prepared = passes.map(prepare);
  const holders = prepared.map((p) => p.holder);
  await deps.ledger.submit(client, 'passes:RecordHolders', undefined, {
    transient: recordingHolders(HOLDERS_TRANSIENT_KEY, holders),
    endorsingOrganizations: [client.mspId],
  });
  const issued = await eraseHoldersWhenIssueFails(
    deps,
    client,
    holders.map((holder) => holder.passId),
    () =>
      issueOnceHoldersAreSeen(() =>
        deps.ledger.submit(client, 'passes:IssuePasses', { passes: prepared.map((p) => p.request) }),
      ),
  );
  const signer = deps.qrSigner;
  return {
    issued: issued.result.issued,
    passIds: issued.result.passIds,
    cardNumbers: Object.fromEntries(holders.map((holder) => [holder.passId, holder.cardNumber])),
    qr:
      signer === undefined
        ? undefined
        : Object.fromEntries(issued.result.passIds.map((id) => [id, signer.sign(id)])),
    transactionId: issued.transactionId,
  };
}

/** The outcome of an import: the passes carried over and how many opening balances they brought. */
export interface ImportedBatch {
  readonly imported: number;
  readonly passIds: readonly string[];
  readonly openingBalances: number;
  readonly transactionId: string;
}

/**
 * Carries passes over from another system in two transactions, as a batch is issued: the holders that come with
 * them go into the private collection first, then one `passes:ImportPasses` writes the passes with their opening
 * balances; when that fails, the holders recorded for it are erased again.
 * @throws {AppError} FORBIDDEN for an identity that is not a municipality's admin (before anything is sent);
 * otherwise the chaincode's code (ALREADY_BOOKED, ALREADY_EXISTS, NOT_FOUND, INVALID_ARGUMENT, …) or a ledger code.
 */
export async function importPasses(
  deps: ServiceDeps,
  client: ClientIdentity,
  passes: ImportPassesBody['passes'],
): Promise<ImportedBatch> {
  assertMayRecordHolders(deps, client);
  if (client.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'only a municipality admin carries passes over from another system');
  }
  const holders: HolderTransient[] = passes.flatMap(({ passId, holder }) =>
    holder === undefined ? [] : [{ passId, ...holder }],
  );
  if (holders.length > 0) {
    await deps.ledger.submit(client, 'passes:RecordHolders', undefined, {
      transient: recordingHolders(HOLDERS_TRANSIENT_KEY, holders),
      endorsingOrganizations: [client.mspId],
    });
  }
  // The holders travel in the transient map only; the public request carries none.
  const items = passes.map((pass): ImportPassItem => {
    const item: Partial<typeof pass> = { ...pass };
    delete item.holder;
    return item as ImportPassItem;
  });
  const imported = await eraseHoldersWhenIssueFails(
    deps,
    client,
    holders.map((holder) => holder.passId),
    () => issueOnceHoldersAreSeen(() => deps.ledger.submit(client, 'passes:ImportPasses', { passes: items })),
  );
  return { ...imported.result, transactionId: imported.transactionId };
}
