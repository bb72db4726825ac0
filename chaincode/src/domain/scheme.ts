import { callerOf } from '../access/caller';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import { loadConfig, requireConfigChange, saveConfig } from './config-settings';
import type {
  ProposeSchemeChangeRequest,
  SchemeOrganisation,
  SchemeProposalIdRequest,
  SchemeProposalRecord,
  SchemeRecord,
  SetUpSchemeRequest,
} from '../vocabulary';
import { isMajority } from '../vocabulary';

// One read of the scheme per transaction: every access check of a transaction judges by the same record.
const loaded = new WeakMap<TxContext, Promise<SchemeRecord | undefined>>();

/** The scheme in force, or undefined on a ledger whose scheme is not set up yet. */
export function loadScheme(ctx: TxContext): Promise<SchemeRecord | undefined> {
  let scheme = loaded.get(ctx);
  if (scheme === undefined) {
    scheme = readRecord<SchemeRecord>(ctx, keys.scheme());
    loaded.set(ctx, scheme);
  }
  return scheme;
}

/**
 * The scheme in force.
 *
 * @throws {ChaincodeError} NOT_INITIALISED before `scheme:SetUp`.
 */
export async function requireScheme(ctx: TxContext): Promise<SchemeRecord> {
  return (
    (await loadScheme(ctx)) ??
    fail(
      'NOT_INITIALISED',
      'the scheme is not set up: an admin of a member organisation runs scheme:SetUp first',
    )
  );
}

/** The organisation with this MSP id in the scheme, if any. */
export function organisationOf(
  scheme: SchemeRecord | undefined,
  mspId: string,
): SchemeOrganisation | undefined {
  return scheme?.organisations.find((org) => org.mspId === mspId);
}

/**
 * Requires an admin identity of an organisation named in `organisations`.
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise.
 */
function requireAdminOf(ctx: TxContext, organisations: readonly SchemeOrganisation[], what: string): string {
  const caller = callerOf(ctx);
  if (caller.role !== 'admin' || !organisations.some((org) => org.mspId === caller.mspId)) {
    return fail(
      'FORBIDDEN',
      `only an admin of ${organisations.map((org) => org.mspId).join(', ')} may ${what}`,
    );
  }
  return caller.mspId;
}

/**
 * Sets up the first scheme of a new ledger. The deployment does this right after it commits the chaincode
 * definition; afterwards the scheme changes only through proposals a majority approves.
 *
 * @throws {ChaincodeError} ALREADY_EXISTS once a scheme is set up; FORBIDDEN unless an admin of an organisation
 * the scheme names.
 */
export async function setUpScheme(ctx: TxContext, request: SetUpSchemeRequest): Promise<SchemeRecord> {
  if ((await loadScheme(ctx)) !== undefined) {
    fail('ALREADY_EXISTS', 'the scheme is set up: change it with scheme:ProposeChange');
  }
  requireAdminOf(ctx, request.organisations, 'set up a scheme');
  const at = nowOf(ctx);
  const scheme: SchemeRecord = { organisations: request.organisations, version: 1, updatedAt: at };
  await writeRecord(ctx, keys.scheme(), scheme);
  emit(ctx, 'SchemeSetUp', schemeEvent(scheme));
  return scheme;
}

/**
 * Proposes a new scheme, approved by the proposing organisation. It takes effect once admins of more than half
 * of the organisations of the scheme in force have approved it (at once when the proposer alone is a majority).
 *
 * @throws {ChaincodeError} NOT_INITIALISED before set-up; FORBIDDEN unless an admin of an organisation of the
 * scheme in force; ALREADY_EXISTS for a known proposalId; CONFLICT for settings that would move the pass-year
 * boundary.
 */
export async function proposeSchemeChange(
  ctx: TxContext,
  request: ProposeSchemeChangeRequest,
): Promise<SchemeProposalRecord> {
  const scheme = await requireScheme(ctx);
  const mspId = requireAdminOf(ctx, scheme.organisations, 'propose a scheme change');
  if ((await readRecord(ctx, keys.schemeProposal(request.proposalId))) !== undefined) {
    fail('ALREADY_EXISTS', `scheme proposal ${request.proposalId} exists`);
  }
  if (request.config !== undefined) {
    requireConfigChange(await loadConfig(ctx), request.config);
  }
  const proposal: SchemeProposalRecord = {
    ...request,
    baseVersion: scheme.version,
    proposedBy: mspId,
    approvals: [mspId],
    status: 'open',
    proposedAt: nowOf(ctx),
  };
  return settle(ctx, scheme, proposal, 'SchemeChangeProposed');
}

/**
 * Adds the caller's organisation's approval to an open proposal; the approval that makes a majority applies it.
 *
 * @throws {ChaincodeError} NOT_FOUND for an unknown proposal; FORBIDDEN unless an admin of an organisation of
 * the scheme in force; INVALID_STATE_TRANSITION once applied; CONFLICT when the scheme changed since the
 * proposal (a stale proposal: propose again) or the organisation approved already.
 */
export async function approveSchemeChange(
  ctx: TxContext,
  request: SchemeProposalIdRequest,
): Promise<SchemeProposalRecord> {
  const scheme = await requireScheme(ctx);
  const mspId = requireAdminOf(ctx, scheme.organisations, 'approve a scheme change');
  const proposal = await getSchemeProposal(ctx, request);
  if (proposal.status !== 'open') {
    fail('INVALID_STATE_TRANSITION', `scheme proposal ${proposal.proposalId} is ${proposal.status}`);
  }
  if (proposal.baseVersion !== scheme.version) {
    fail(
      'CONFLICT',
      `scheme proposal ${proposal.proposalId} changes version ${String(proposal.baseVersion)}, but version ` +
        `${String(scheme.version)} is in force: it is stale, propose again`,
    );
  }
  if (proposal.approvals.includes(mspId)) {
    fail('CONFLICT', `${mspId} approved scheme proposal ${proposal.proposalId} already`);
  }
  return settle(
    ctx,
    scheme,
    { ...proposal, approvals: [...proposal.approvals, mspId] },
    'SchemeChangeApproved',
  );
}

/**
 * Reads a scheme proposal. Open to every organisation.
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getSchemeProposal(
  ctx: TxContext,
  request: SchemeProposalIdRequest,
): Promise<SchemeProposalRecord> {
  const proposal = await readRecord<SchemeProposalRecord>(ctx, keys.schemeProposal(request.proposalId));
  return proposal ?? fail('NOT_FOUND', `scheme proposal ${request.proposalId} does not exist`);
}

/** Saves a proposal, applying it when its approvals are a majority of the scheme in force. */
async function settle(
  ctx: TxContext,
  scheme: SchemeRecord,
  proposal: SchemeProposalRecord,
  pending: 'SchemeChangeProposed' | 'SchemeChangeApproved',
): Promise<SchemeProposalRecord> {
  const at = nowOf(ctx);
  if (!isMajority(proposal.approvals.length, scheme.organisations.length)) {
    await writeRecord(ctx, keys.schemeProposal(proposal.proposalId), proposal);
    emit(ctx, pending, { proposalId: proposal.proposalId, approvals: proposal.approvals, at });
    return proposal;
  }
  const applied: SchemeProposalRecord = { ...proposal, status: 'applied', appliedAt: at };
  const next: SchemeRecord = {
    organisations: proposal.organisations,
    version: scheme.version + 1,
    updatedAt: at,
  };
  await writeRecord(ctx, keys.schemeProposal(proposal.proposalId), applied);
  await writeRecord(ctx, keys.scheme(), next);
  if (proposal.config !== undefined) {
    await saveConfig(ctx, await loadConfig(ctx), proposal.config);
  }
  emit(ctx, 'SchemeChanged', {
    ...schemeEvent(next),
    proposalId: proposal.proposalId,
    ...(proposal.config === undefined ? {} : { config: proposal.config }),
  });
  return applied;
}

function schemeEvent(scheme: SchemeRecord): { version: number; organisations: string[]; at: string } {
  return {
    version: scheme.version,
    organisations: scheme.organisations.map((org) => `${org.mspId}: ${org.roles.join(', ')}`),
    at: scheme.updatedAt,
  };
}
