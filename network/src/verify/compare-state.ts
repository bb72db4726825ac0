import {
  KeyType,
  parseCompositeKey,
  type ClaimRecord,
  type PassView,
  type RedemptionRecord,
  type VoucherView,
} from '@stadspas/chaincode/vocabulary';
import type { Books } from './books';

/**
 * Evaluates one of the chaincode's query transactions on the peer and returns its parsed answer, or undefined
 * when the chaincode answers NOT_FOUND; throws QueryForbiddenError when it refuses the caller.
 */
export type Query = (transaction: string, request: object) => Promise<unknown>;

/** The chaincode refused the query to this identity (FORBIDDEN): the record cannot be compared from here. */
export class QueryForbiddenError extends Error {
  readonly code = 'QUERY_FORBIDDEN';
  constructor(readonly transaction: string) {
    super(`${transaction} is not open to this identity`);
    this.name = 'QueryForbiddenError';
  }
}

/** A record on which the replay and the peer disagree. */
export interface StateMismatch {
  readonly code: 'STATE_MISMATCH';
  readonly record: string;
  readonly message: string;
}

/** What comparing the rebuilt books with the peer's world state found. */
export interface StateComparison {
  readonly compared: number;
  /** Records the chaincode does not show this organisation's admin, by kind. */
  readonly withheld: Readonly<Record<string, number>>;
  readonly mismatches: readonly StateMismatch[];
}

/** Fields of a stored record that differ from the peer's answer, by canonical JSON. Never throws. */
export function differingFields(stored: object, answered: object): string[] {
  const theirs = answered as Record<string, unknown>;
  return Object.entries(stored)
    .filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(theirs[field]))
    .map(([field]) => field);
}

/**
 * Differences between a pass's replayed vouchers and the ones GetPass shows. A partial view (a funder sees only
 * the vouchers of the offers it funds) is compared on the offers it shows. Never throws.
 */
export function voucherDifferences(books: Books, view: PassView, partial = false): string[] {
  const key = (v: { offerId: string; periodKey: string }): string => `${v.offerId}/${v.periodKey}`;
  const shown = new Map<string, VoucherView>(view.vouchers.map((v) => [key(v), v]));
  const shownOffers = new Set(view.vouchers.map((v) => v.offerId));
  const stored = books.vouchers.filter(
    (v) => v.passId === view.passId && (!partial || shownOffers.has(v.offerId)),
  );
  const problems = stored.flatMap((voucher) => {
    const answer = shown.get(key(voucher));
    if (answer === undefined) {
      return [`voucher ${key(voucher)} missing on the peer`];
    }
    return answer.granted === voucher.granted && answer.used === voucher.used
      ? []
      : [
          `voucher ${key(voucher)} granted/used ${voucher.granted}/${voucher.used} vs ${answer.granted}/${answer.used}`,
        ];
  });
  const storedKeys = new Set(stored.map(key));
  for (const answer of view.vouchers) {
    if (!storedKeys.has(key(answer)) && (answer.granted !== 0 || answer.used !== 0)) {
      problems.push(`voucher ${key(answer)} on the peer was never written`);
    }
  }
  return problems;
}

interface Check {
  readonly kind: string;
  readonly record: string;
  readonly transaction: string;
  readonly request: object;
  readonly compare: (answer: unknown) => string[];
}

/** A record the chaincode answers as it is stored, compared field by field. */
function storedRecordCheck(
  kind: string,
  record: string,
  transaction: string,
  asked: { readonly request: object; readonly stored: object },
): Check {
  return {
    kind,
    record,
    transaction,
    request: asked.request,
    compare: (answer) => differingFields(asked.stored, answer as object).map((f) => `field ${f}`),
  };
}

/** The passes and bookings whose keys the peer holds otherwise than the blocks wrote: their views name the fields. */
export interface Suspects {
  readonly passes: ReadonlySet<string>;
  readonly redemptions: ReadonlySet<string>;
}

/**
 * The records that keys belong to: a pass's own key and its vouchers' keys name the pass, a booking's key the
 * booking. Keys of other types name none. Never throws.
 */
export function suspectsOf(keys: readonly string[]): Suspects {
  const passes = new Set<string>();
  const redemptions = new Set<string>();
  const recordsOf: Readonly<Record<string, Set<string>>> = {
    [KeyType.pass]: passes,
    [KeyType.voucher]: passes,
    [KeyType.redemption]: redemptions,
  };
  for (const key of keys) {
    const parsed = parseCompositeKey(key);
    const id = parsed?.attributes[0];
    if (parsed !== undefined && id !== undefined) {
      recordsOf[parsed.type]?.add(id);
    }
  }
  return { passes, redemptions };
}

/**
 * What is asked of the peer through the chaincode's queries. compareKeys has compared the bytes of every key
 * already, so a pass (its view derives status and balances from those bytes) and a booking are asked for only
 * when their keys differ, to name the fields that do. Every claim is asked for: there are few.
 */
function checksOf(books: Books, suspects: Suspects): Check[] {
  // A pass's status as read may be `expired` (derived from validUntil): the stored status is compared otherwise.
  const passFields = (pass: object): object =>
    Object.fromEntries(Object.entries(pass).filter(([f]) => f !== 'status'));
  return [
    ...books.passes
      .filter((pass) => suspects.passes.has(pass.passId))
      .map((pass) => ({
        kind: 'passes',
        record: `pass ${pass.passId}`,
        transaction: 'passes:GetPass',
        request: { passId: pass.passId },
        compare: (answer: unknown): string[] => {
          // A funder's view of a pass leaves out what only the municipality sees: compare what it shows.
          const stored = passFields(pass);
          const shown = Object.fromEntries(Object.entries(stored).filter(([f]) => f in (answer as object)));
          const partial = Object.keys(shown).length < Object.keys(stored).length;
          return [
            ...differingFields(shown, answer as object).map((f) => `field ${f}`),
            ...voucherDifferences(books, answer as PassView, partial),
          ];
        },
      })),
    ...books.redemptions
      .filter((redemption) => suspects.redemptions.has(redemption.redemptionId))
      .map((redemption: RedemptionRecord) =>
        storedRecordCheck(
          'redemptions',
          `redemption ${redemption.redemptionId}`,
          'redemptions:GetRedemption',
          {
            request: { redemptionId: redemption.redemptionId },
            stored: redemption,
          },
        ),
      ),
    ...books.claims.map((claim: ClaimRecord) =>
      storedRecordCheck('claims', `claim ${claim.claimId}`, 'claims:GetClaim', {
        request: { claimId: claim.claimId },
        stored: claim,
      }),
    ),
  ];
}

/** Queries in flight at once: the peer and its chaincode answer them side by side. */
const IN_FLIGHT = 8;

/**
 * Asks the peer, through the chaincode's own queries, for every claim the replay rebuilt and for the suspect passes
 * (with their vouchers) and bookings, and names each record whose answer differs, in the books' order. Records the
 * chaincode refuses to this identity are counted as withheld, not as mismatches.
 * @throws Error from the query other than a refusal (the peer is unreachable, the chaincode fails).
 */
export async function compareWithPeer(
  books: Books,
  query: Query,
  suspects: Suspects = { passes: new Set(), redemptions: new Set() },
): Promise<StateComparison> {
  const checks = checksOf(books, suspects);
  type Answered = { readonly answer: unknown } | 'withheld';
  const answers: Answered[] = new Array<Answered>(checks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < checks.length) {
      const at = next++;
      const check = checks[at] as Check;
      try {
        answers[at] = { answer: await query(check.transaction, check.request) };
      } catch (error) {
        if (!(error instanceof QueryForbiddenError)) {
          throw error;
        }
        answers[at] = 'withheld';
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, checks.length) }, worker));
  let compared = 0;
  const withheld: Record<string, number> = {};
  const mismatches: StateMismatch[] = [];
  checks.forEach((check, at) => {
    const answered = answers[at] as Answered;
    if (answered === 'withheld') {
      withheld[check.kind] = (withheld[check.kind] ?? 0) + 1;
      return;
    }
    compared += 1;
    const differences =
      answered.answer === undefined ? ['missing on the peer'] : check.compare(answered.answer);
    if (differences.length > 0) {
      mismatches.push({ code: 'STATE_MISMATCH', record: check.record, message: differences.join('; ') });
    }
  });
  return { compared, withheld, mismatches };
}
