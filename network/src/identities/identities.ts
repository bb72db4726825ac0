import { join } from 'node:path';
import { OrgCa, type IdentityRequest } from './ca';
import { CA_OPERATIONS } from './ca-config';
import type { Organisation } from '../description/config';
import type { FabricInstall } from '../description/fabric';
import { completeLocalMsp, normaliseTls, writeOrgMsp } from './msp';
import type { StatePaths } from '../description/paths';

/** Names of the identities the network itself runs as, in every organisation. */
export const NODE_IDENTITIES = {
  admin: 'admin',
  peer: 'peer0',
  orderer: 'orderer0',
  chaincode: 'chaincode',
  /** The registrar the gateway onboards clients with: it registers clients with a role (and venue) only. */
  gatewayRegistrar: 'gateway-registrar',
  /**
   * The gateway's own identity for its holder page, health and read model (role reader, which reads only that);
   * its TLS certificate is the one the gateway serves HTTPS with.
   */
  gatewayReader: 'gateway-reader',
  /** The CA server's operations endpoint, which serves this identity's TLS certificate. */
  caOperations: CA_OPERATIONS,
} as const;

/** Every identity an organisation's node enrols at its CAs: the node's own, its gateway's, its demo clients. */
export function identityRequestsOf(org: Organisation): IdentityRequest[] {
  const requests: IdentityRequest[] = [
    { name: NODE_IDENTITIES.admin, type: 'admin', attrs: { role: 'admin' }, tls: true },
    { name: NODE_IDENTITIES.peer, type: 'peer', tls: true },
    { name: NODE_IDENTITIES.orderer, type: 'orderer', tls: true },
    { name: NODE_IDENTITIES.chaincode, type: 'client', tls: true },
    {
      // Not the CA's bootstrap registrar, which may register anything: clients with the chaincode's attributes only,
      // and it revokes clients (the CA lets a revoker act on the types it may register).
      name: NODE_IDENTITIES.gatewayRegistrar,
      type: 'client',
      attrs: {
        'hf.Registrar.Roles': 'client',
        'hf.Registrar.Attributes': 'role,venueId',
        'hf.Revoker': 'true',
      },
      tls: false,
    },
    { name: NODE_IDENTITIES.gatewayReader, type: 'client', attrs: { role: 'reader' }, tls: true },
    { name: NODE_IDENTITIES.caOperations, type: 'client', tls: 'only' },
    ...org.clients.map((c): IdentityRequest => ({
      name: c.name,
      type: 'client',
      attrs: c.venueId === undefined ? { role: c.role } : { role: c.role, venueId: c.venueId },
      tls: false,
    })),
  ];
  return requests;
}

/**
 * Enrols every identity of an organisation from its own CAs (idempotent) and writes the
 * organisation MSP for the channel configuration.
 */
export async function enrollOrganisation(
  fabric: FabricInstall,
  paths: StatePaths,
  org: Organisation,
): Promise<OrgCa> {
  const ca = new OrgCa(fabric, paths, org);
  await ca.enrollRegistrars();
  for (const request of identityRequestsOf(org)) {
    const home = await ca.enroll(request);
    if (request.tls !== 'only') {
      completeLocalMsp(join(home, 'msp'));
    }
    if (request.tls) {
      normaliseTls(join(home, 'tls'));
    }
  }
  completeLocalMsp(join(ca.registrarHome('ca'), 'msp'));
  writeOrgMsp(paths.org(org));
  return ca;
}
