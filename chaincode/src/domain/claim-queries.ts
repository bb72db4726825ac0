import { isVenue } from '../access/caller';
import { accessOf, isMunicipality, isPayer } from '../access/roles';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { KeyType, type KeyTypeName } from '../ledger/keys';
import { scanPage } from '../ledger/store';
import {
  type ClaimIdRequest,
  type ClaimRecord,
  type ClaimStatus,
  type ListClaimsRequest,
  type Page,
} from '../vocabulary';
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
  const venueId = await venueScopeOfClaimList(ctx, request.venueId);
  const [index, prefix] = claimIndexFor(venueId, request.status);
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

/**
 * The venue a claim list is limited to: a venue's own (implied when it names none), or the one asked for.
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue asking for another venue, or an identity that is
 * neither venue, municipality nor payer.
 */
async function venueScopeOfClaimList(
  ctx: TxContext,
  requested: string | undefined,
): Promise<string | undefined> {
  const access = await accessOf(ctx);
  const { caller } = access;
  if (isVenue(caller)) {
    const venueId = requested ?? caller.venueId;
    if (!(await actsForVenue(ctx, caller, venueId))) {
      fail('FORBIDDEN', 'a venue may list only its own claims');
    }
    return venueId;
  }
  if (!isMunicipality(access) && !isPayer(access)) {
    fail('FORBIDDEN', 'only venues, the municipality and the payer list claims');
  }
  return requested;
}

/** The narrowest index that serves a claim list: by venue, else by status, else every claim. */
function claimIndexFor(
  venueId: string | undefined,
  status: ClaimStatus | undefined,
): [KeyTypeName, string[]] {
  if (venueId !== undefined) {
    return [KeyType.claimByVenue, [venueId]];
  }
  return status !== undefined ? [KeyType.claimByStatus, [status]] : [KeyType.claim, []];
}
