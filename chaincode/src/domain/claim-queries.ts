import { callerOf, isMunicipality, isPayer, isVenue } from '../access/caller';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { KeyType } from '../ledger/keys';
import { scanPage } from '../ledger/store';
import { type ClaimIdRequest, type ClaimRecord, type ListClaimsRequest, type Page } from '../vocabulary';
import { getClaimRecord } from './claims';
import { actsForVenue, requireVenueReader } from './venue-caller';

/**
 * Reads a claim: for its venue, the municipality and the payer (the funders).
 *
 * @throws {ChaincodeError} NOT_FOUND; FORBIDDEN for anyone else.
 */
export async function getClaim(ctx: TxContext, request: ClaimIdRequest): Promise<ClaimRecord> {
  const claim = await getClaimRecord(ctx, request.claimId);
  await requireVenueReader(ctx, claim.venueId);
  return claim;
}

/**
 * One page of claims, by venue and/or status. A venue sees only its own (its venueId is implied).
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue asking for another venue, or an identity that is
 * neither venue, municipality nor payer.
 */
export async function listClaims(ctx: TxContext, request: ListClaimsRequest): Promise<Page<ClaimRecord>> {
  const caller = callerOf(ctx);
  let venueId = request.venueId;
  if (isVenue(caller)) {
    venueId = venueId ?? caller.venueId;
    if (!(await actsForVenue(ctx, caller, venueId))) {
      fail('FORBIDDEN', 'a venue may list only its own claims');
    }
  } else if (!isMunicipality(caller) && !isPayer(caller)) {
    fail('FORBIDDEN', 'only venues, the municipality and the payer list claims');
  }
  const [index, prefix] =
    venueId !== undefined
      ? [KeyType.claimByVenue, [venueId]]
      : request.status !== undefined
        ? [KeyType.claimByStatus, [request.status]]
        : [KeyType.claim, []];
  const page = await scanPage<ClaimRecord | undefined>(
    ctx,
    index,
    prefix,
    request.pageSize,
    request.bookmark,
  );
  const claims: ClaimRecord[] = [];
  for (const entry of page.entries) {
    claims.push(entry.value ?? (await getClaimRecord(ctx, entry.attributes[1] ?? '')));
  }
  const items = claims.filter((claim) => request.status === undefined || claim.status === request.status);
  return { items, bookmark: page.bookmark, fetchedCount: page.fetchedCount };
}
