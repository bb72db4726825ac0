import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { caProcess, OrgCa } from '../identities/ca';
import { identityRequestsOf } from '../identities/identities';
import { refreshServerCert } from '../identities/msp';
import { onboardedClientMsps } from '../clients/gateways';
import { waitForRaftLeader, waitUntilEndorsableThrough } from '../clients/readiness';
import { ordererProcess, peerProcess } from '../channel/nodes';
import { stopProcess } from '../processes/processes';
import { ensureChaincodeService, ensureRunning, restart } from './network';
import { chaincodeLabel, chaincodeProcessName, packageChaincode } from '../chaincode/package';

/** One certificate a renewal replaced, or an API client's it could not renew. */
export interface RenewedCertificate {
  /** The identity and which of its certificates: `peer0 (tls)`, `gemeente-admin`. */
  readonly name: string;
  readonly file: string;
  /** The new expiry; undefined when the CA refused to renew it (a revoked client). */
  readonly notAfter?: string;
  readonly refused?: string;
}

/** What one MSP folder of the node is and how its certificate is renewed. */
interface Renewal {
  readonly name: string;
  readonly mspDir: string;
  readonly ca: 'ca' | 'tlsca';
  /** A TLS folder whose server.crt the node reads. */
  readonly tlsServer: boolean;
  /** An API client's: one its admin revoked cannot be renewed, and the others still are. */
  readonly client: boolean;
}

/** Every enrolment and TLS certificate of the node: its own identities, its registrars, the gateway's clients. */
function renewalsOf(ctx: NetworkContext, org: Organisation, ca: OrgCa): Renewal[] {
  const own = ctx.paths.org(org);
  const clients = new Set(org.clients.map((c) => c.name));
  const renewals: Renewal[] = identityRequestsOf(org).flatMap((request) => {
    const home = own.identity(request.name);
    const enrolment: Renewal = {
      name: request.name,
      mspDir: join(home, 'msp'),
      ca: 'ca',
      tlsServer: false,
      client: clients.has(request.name),
    };
    const tls: Renewal = {
      name: `${request.name} (tls)`,
      mspDir: join(home, 'tls'),
      ca: 'tlsca',
      tlsServer: true,
      client: false,
    };
    return request.tls === 'only' ? [tls] : request.tls ? [enrolment, tls] : [enrolment];
  });
  for (const which of ['ca', 'tlsca'] as const) {
    const mspDir = join(ca.registrarHome(which), 'msp');
    renewals.push({ name: `registrar (${which})`, mspDir, ca: which, tlsServer: false, client: false });
  }
  const known = new Set(renewals.map((r) => r.mspDir));
  for (const client of onboardedClientMsps(ctx, org).filter((c) => !known.has(c.mspDir))) {
    renewals.push({ name: client.name, mspDir: client.mspDir, ca: 'ca', tlsServer: false, client: true });
  }
  return renewals;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function notAfterOf(file: string): string {
  return new Date(new X509Certificate(readFileSync(file)).validTo).toISOString();
}

/**
 * Renews every certificate of an organisation's node while the city books, one step at a time:
 * 1. the CA's own TLS certificate (the CA makes a new one when it starts without it), so the re-enrolments
 *    below reach it; once they are done, the CA restarts again for its operations endpoint's certificate;
 * 2. every enrolment and TLS certificate of the node's identities, its registrars and the clients its gateway
 *    onboarded, each re-enrolled for the key it has (see {@link OrgCa.renew});
 * 3. the orderer, then the peer with its chaincode service, restarted one at a time to read theirs: the other
 *    organisations' orderers and peers order and endorse meanwhile, and the gateway waits for its peer;
 * 4. the gateway reads a renewed client certificate on its next call without a restart.
 * The channel configuration needs no update: it names the organisations' CA certificates, not the nodes'
 * certificates, and Raft consenters by their TLS key, which stays. Safe to run again and to interrupt.
 * @returns the renewed certificates with their new expiry.
 */
export async function renewNode(ctx: NetworkContext, org: Organisation): Promise<RenewedCertificate[]> {
  const own = ctx.paths.org(org);
  rmSync(join(own.caHome, 'tls-cert.pem'), { force: true });
  await restart(ctx, caProcess(ctx.fabric, ctx.paths, org));

  const ca = new OrgCa(ctx.fabric, ctx.paths, org);
  const renewed: RenewedCertificate[] = [];
  for (const renewal of renewalsOf(ctx, org, ca)) {
    ctx.progress(`renewing ${renewal.name}`);
    try {
      const file = await ca.renew(renewal.mspDir, renewal.ca, renewal.tlsServer);
      if (renewal.tlsServer) {
        refreshServerCert(renewal.mspDir);
      }
      renewed.push({ name: renewal.name, file, notAfter: notAfterOf(file) });
    } catch (error) {
      // A node's own certificate must renew; an API client's may have been revoked by its admin.
      if (!renewal.client) {
        throw error;
      }
      renewed.push({ name: renewal.name, file: renewal.mspDir, refused: firstLine(error) });
    }
  }
  // The CA's operations endpoint reads its renewed certificate when it starts.
  await restart(ctx, caProcess(ctx.fabric, ctx.paths, org));
  renewed.push({
    name: 'ca (tls)',
    file: join(own.caHome, 'tls-cert.pem'),
    notAfter: notAfterOf(join(own.caHome, 'tls-cert.pem')),
  });

  await restart(ctx, ordererProcess(ctx, org));
  await waitForRaftLeader(ctx);
  // The peer is down while its chaincode service restarts, so no endorsement meets a chaincode that is away; the
  // package is ready before, so the peer is down for the two starts only.
  const pkg = await packageChaincode(ctx, org, chaincodeLabel(ctx.network, ctx.chaincodeDir));
  ctx.progress(`restarting peer-${org.name} and its chaincode service`);
  await stopProcess(ctx.paths, `peer-${org.name}`);
  await stopProcess(ctx.paths, chaincodeProcessName(org));
  await ensureChaincodeService(ctx, org, pkg);
  await ensureRunning(ctx, peerProcess(ctx, org));
  await waitUntilEndorsableThrough(ctx, org);
  return renewed;
}
