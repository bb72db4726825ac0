import type { HolderPassView } from '@stadspas/chaincode/vocabulary';
import type { Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import { passUses, type PassUse } from '../reports/pass-uses';
import { holderPass } from '../services/holder-app';
import { listRedemptions } from '../services/redemption-cases';
import { everyPage } from '../services/every-page';
import type { ServiceDeps } from '../services/service-deps';

/** One use of the pass as its holder reads it: where, what, and when. */
export interface HolderUse {
  readonly at: string;
  readonly type: string;
  readonly venueName: string;
  readonly offerName: string;
  readonly units: number;
}

/**
 * What a resident sees of their own pass: its balances, and, opened with the linked app's signed request only,
 * where it was used and which phones are linked. A code alone (a photo of the card) shows no uses.
 */
export interface HolderView {
  readonly passId: string;
  readonly status: string;
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly proof: HolderPassView['proof'];
  readonly cardBlockedAt?: string | undefined;
  readonly devices?: HolderPassView['devices'];
  readonly vouchers: readonly {
    readonly offerName: string;
    readonly kind: string;
    readonly unit: string;
    readonly periodKey: string;
    readonly used: number;
    readonly remaining: number;
  }[];
  /** The pass's uses, newest first: one page of them (`proof: app` only). */
  readonly history: readonly HolderUse[];
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
 * The pass a holder's proof opens, read on this organisation's own peer through the chaincode, which verifies
 * the proof (the linked app's signed request, or a card's or app's code) and answers no holder hash, holder
 * reference or personal data. With the app's request the uses come too: from the read model (newest first, a
 * page at a time), or on the ledger without one; with a code alone, none.
 * @throws {AppError} INVALID_QR for a proof that does not verify; PASS_BLOCKED for a card reported lost;
 * NOT_FOUND for an unknown pass.
 */
export async function holderView(
  deps: ServiceDeps,
  identity: ClientIdentity,
  proof: { holderRequest: string } | { card: string },
  source: HistorySource = {},
): Promise<HolderView> {
  const pass = await holderPass(deps, identity, proof);
  const uses =
    pass.proof !== 'app'
      ? { items: [] }
      : source.readModel === undefined
        ? await newestOnLedger(deps, identity, pass.passId)
        : passUses(source.readModel, pass.passId, { before: source.before, limit: HISTORY_PAGE });
  const names = uses.items.length === 0 ? undefined : await namesOf(deps, identity);
  return {
    passId: pass.passId,
    status: pass.status,
    category: pass.category,
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    proof: pass.proof,
    cardBlockedAt: pass.cardBlockedAt,
    devices: pass.devices,
    vouchers: pass.vouchers.map((v) => ({
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
      venueName: names?.venues.get(r.venueId) ?? r.venueId,
      offerName: names?.offers.get(r.offerId) ?? r.offerId,
      units: r.units,
    })),
    ...(uses.older === undefined ? {} : { older: uses.older }),
  };
}

/** The names of the offers and venues, which the ledger lists for everyone. */
async function namesOf(
  deps: ServiceDeps,
  identity: ClientIdentity,
): Promise<{ offers: Map<string, string>; venues: Map<string, string> }> {
  const [offers, venues] = await Promise.all([
    deps.ledger.evaluate(identity, 'offers:ListOffers', undefined),
    deps.ledger.evaluate(identity, 'venues:ListVenues', undefined),
  ]);
  return {
    offers: new Map(offers.map((offer) => [offer.offerId, offer.name])),
    venues: new Map(venues.map((venue) => [venue.venueId, venue.name])),
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
  const all: PassUse[] = await everyPage((bookmark) =>
    listRedemptions(deps, identity, { passId, pageSize: 100, ...(bookmark ? { bookmark } : {}) }),
  );
  all.sort((a, b) => b.at.localeCompare(a.at));
  return { items: all.slice(0, HISTORY_PAGE) };
}
