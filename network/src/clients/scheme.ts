import type {
  ConfigRecord,
  SchemeOrganisation,
  SchemeProposalRecord,
  SchemeRecord,
  SetConfigRequest,
} from '@stadspas/chaincode/vocabulary';
import { errorCodeOf } from '@stadspas/chaincode/vocabulary';
import {
  adminClientOf,
  isMunicipality,
  personalDataCollection,
  type NetworkConfig,
  type Organisation,
} from '../description/config';
import type { NetworkContext } from '../description/context';
import { errorDetail, evaluateJson, submitJson } from './contract-json';
import { enrolledCredentials, openGateway, type GatewaySession } from './fabric-client';
import { withRetries } from '../processes/retry';

/**
 * The scheme a network description sets up on the ledger: every organisation with its roles, each municipality
 * with its own personal data collection.
 */
export function schemeOf(network: NetworkConfig): SchemeOrganisation[] {
  return network.organisations.map((org) => ({
    mspId: org.mspId,
    name: org.displayName,
    roles: [...org.roles],
    ...(isMunicipality(org) ? { personalDataCollection: personalDataCollection(org) } : {}),
  }));
}

/**
 * A session as one of the organisation's admin clients, through its own peer.
 * @throws Error when the network description gives the organisation no admin client.
 */
function adminSession(ctx: NetworkContext, org: Organisation): GatewaySession {
  return openGateway(ctx, org, enrolledCredentials(ctx, org, adminClientOf(org).name));
}

async function asAdmin<T>(
  ctx: NetworkContext,
  org: Organisation,
  action: (session: GatewaySession) => Promise<T>,
): Promise<T> {
  const session = adminSession(ctx, org);
  try {
    return await action(session);
  } finally {
    session.close();
  }
}

/** The scheme in force, read through the organisation's own peer; undefined before it is set up. */
export function schemeInForce(ctx: NetworkContext, org: Organisation): Promise<SchemeRecord | undefined> {
  return asAdmin(ctx, org, async ({ contract }) => {
    try {
      return await evaluateJson<SchemeRecord>(contract, 'scheme:GetScheme');
    } catch (error) {
      if (errorCodeOf(errorDetail(error)) === 'NOT_INITIALISED') {
        return undefined;
      }
      throw error;
    }
  });
}

/**
 * Sets up the scheme of the network description on a new ledger, as an admin of the organisation, right after
 * the chaincode's first deployment. Right after a commit the peers may not endorse yet: it tries for a minute.
 * @returns whether it set it up (false when a scheme is in force already).
 * @throws Error naming the organisation's peer and its log file when it keeps failing.
 */
export function setUpScheme(ctx: NetworkContext, org: Organisation): Promise<boolean> {
  const peer = { name: `peer-${org.name}`, port: org.ports.peer };
  return withRetries(
    ctx.paths,
    peer,
    'setting up the scheme',
    async () => {
      if ((await schemeInForce(ctx, org)) !== undefined) {
        return false;
      }
      await asAdmin(ctx, org, ({ contract }) =>
        submitJson(contract, 'scheme:SetUp', { organisations: schemeOf(ctx.network) }),
      );
      return true;
    },
    30,
    2_000,
  );
}

/**
 * Proposes the scheme of the network description (for instance with an organisation that joined), and new
 * ledger-wide settings when given, as an admin of the organisation; it takes effect once admins of a majority of
 * the scheme's organisations approve.
 * @throws Error when the proposal would change nothing; whatever the chaincode refuses (e.g. ALREADY_EXISTS).
 */
export async function proposeScheme(
  ctx: NetworkContext,
  org: Organisation,
  proposalId: string,
  config?: SetConfigRequest,
): Promise<SchemeProposalRecord> {
  const organisations = schemeOf(ctx.network);
  const current = await schemeInForce(ctx, org);
  const sameScheme =
    current !== undefined && JSON.stringify(current.organisations) === JSON.stringify(organisations);
  if (sameScheme && config === undefined) {
    throw new Error(
      `the scheme in force (version ${String(current.version)}) is the network description's already`,
    );
  }
  return asAdmin(ctx, org, ({ contract }) =>
    submitJson<SchemeProposalRecord>(contract, 'scheme:ProposeChange', {
      proposalId,
      organisations,
      ...(config === undefined ? {} : { config }),
    }),
  );
}

/** The ledger-wide settings in force, as an admin of the organisation reads them. */
export function configInForce(ctx: NetworkContext, org: Organisation): Promise<ConfigRecord> {
  return asAdmin(ctx, org, ({ contract }) => evaluateJson<ConfigRecord>(contract, 'config:GetConfig'));
}

/** Approves a scheme proposal as an admin of the organisation. */
export function approveScheme(
  ctx: NetworkContext,
  org: Organisation,
  proposalId: string,
  beforeApproving: (proposal: SchemeProposalRecord) => void = () => undefined,
): Promise<SchemeProposalRecord> {
  return asAdmin(ctx, org, async ({ contract }) => {
    // Nobody approves blind: the proposal as the ledger holds it is shown before the approval is signed.
    beforeApproving(await evaluateJson<SchemeProposalRecord>(contract, 'scheme:GetProposal', { proposalId }));
    return submitJson<SchemeProposalRecord>(contract, 'scheme:ApproveChange', { proposalId });
  });
}
