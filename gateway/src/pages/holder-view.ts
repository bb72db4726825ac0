import type { Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import { passUses, type PassUse } from '../reports/pass-uses';
import { listRedemptions } from '../services/redemption-cases';
import { scanPass } from '../services/scan-service';
import type { ServiceDeps } from '../services/service-deps';

/** What a resident sees of their own pass: what the card already tells them, and what they did with it. */
export interface HolderView {
  readonly passId: string;
  readonly status: string;
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly vouchers: readonly {
    readonly offerName: string;
    readonly kind: string;
    readonly unit: string;
    readonly periodKey: string;
    readonly used: number;
    readonly remaining: number;
  }[];
  /** The pass's uses, newest first: one page of them. */
  readonly history: readonly {
    readonly at: string;
    readonly type: string;
    readonly venueId: string;
    readonly offerId: string;
    readonly units: number;
  }[];
  /** Where the next, older page of uses starts; absent on the last page. */
  readonly older?: string;
}

/** The uses one page of the holder page shows. */
export const HISTORY_PAGE = 20;

/** Where the holder page reads a pass's uses from, and which page. */
export interface HistorySource {
  /** The gateway's read model, when it keeps one: newest first, paged to the oldest. */
  readonly readModel?: Database | undefined;
  /** The cursor of an older page. */
  readonly before?: string | undefined;
}

/**
 * The pass a card's signed QR payload names, read for its holder: the payload is the proof, so only the pass it
 * was signed for can be read, and a forged or altered one is refused before the ledger is asked about any pass.
 * The read runs as the gateway's own identity (the municipality's), through the chaincode's scan, which verifies
 * the card again and answers no holder hash, holder reference or personal data; the uses come from the pass's
 * redemption listing in the read model (newest first, a page at a time), or on the ledger without one.
 * @throws {AppError} INVALID_QR for a payload that is not a genuine card; NOT_FOUND for an unknown pass.
 */
export async function holderView(
  deps: ServiceDeps,
  identity: ClientIdentity,
  qr: string,
  source: HistorySource = {},
): Promise<HolderView> {
  const scanned = await scanPass(deps, identity, qr);
  const uses =
    source.readModel === undefined
      ? await newestOnLedger(deps, identity, scanned.passId)
      : passUses(source.readModel, scanned.passId, { before: source.before, limit: HISTORY_PAGE });
  return {
    passId: scanned.passId,
    status: scanned.status,
    category: scanned.category,
    validFrom: scanned.validFrom,
    validUntil: scanned.validUntil,
    vouchers: scanned.vouchers.map((v) => ({
      offerName: v.offerName,
      kind: v.kind,
      unit: v.unit,
      periodKey: v.periodKey,
      used: v.used,
      remaining: v.remaining,
    })),
    history: uses.items.map((r) => ({
      at: r.at,
      type: r.type,
      venueId: r.venueId,
      offerId: r.offerId,
      units: r.units,
    })),
    ...(uses.older === undefined ? {} : { older: uses.older }),
  };
}

/**
 * Without a read model: the pass's redemption listing on the ledger, read to its end (it is in key order, oldest
 * first), the newest page shown.
 */
async function newestOnLedger(
  deps: ServiceDeps,
  identity: ClientIdentity,
  passId: string,
): Promise<{ items: readonly PassUse[]; older?: string }> {
  const all: PassUse[] = [];
  let bookmark: string | undefined;
  do {
    const page = await listRedemptions(deps, identity, {
      passId,
      pageSize: 100,
      ...(bookmark ? { bookmark } : {}),
    });
    all.push(...page.items);
    bookmark = page.items.length === 0 ? undefined : page.bookmark || undefined;
  } while (bookmark !== undefined);
  all.sort((a, b) => b.at.localeCompare(a.at));
  return { items: all.slice(0, HISTORY_PAGE) };
}
