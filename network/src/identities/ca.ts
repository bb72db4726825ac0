import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { caOperationsTls, REGISTRAR, tlsCaConfigFile, writeCaConfigs } from './ca-config';
import { ENROLMENT_REQUEST_ARGS, RENEWAL_REQUEST_ARGS } from '@stadspas/gateway/enrolment';
import { type Organisation, endpointOf, tlsHostsOf } from '../description/config';
import { run, type FabricInstall } from '../description/fabric';
import type { StatePaths } from '../description/paths';
import type { ProcessSpec } from '../processes/processes';
import { SecretStore } from '../description/secrets';
import { httpsOk } from '../processes/tls-probes';
import { onlyFile } from './msp';

/** The two certificate authorities every organisation's CA server hosts. */
export type CaName = 'ca' | 'tlsca';

/** The enrolment secrets of an organisation's identities, kept in its own node folder only. */
export function secretsOf(paths: StatePaths, org: Organisation): SecretStore {
  return new SecretStore(paths.org(org).secretsFile);
}

/**
 * Prepares an organisation's CA home before its server starts: owner-only folders and the
 * configuration files holding the registrar's secret (see {@link writeCaConfigs}).
 */
export function prepareCaHome(paths: StatePaths, org: Organisation, certificateLifetime: string): void {
  writeCaConfigs(paths, org, secretsOf(paths, org).secret(REGISTRAR), certificateLifetime);
}

/**
 * The CA server of an organisation: identity CA `ca` plus TLS CA `tlsca` in one process. It reads
 * its registrar from its configuration files: the secret is neither on its command line nor in
 * its environment, so neither the process list nor its start-up log (which prints its settings)
 * shows it.
 */
export function caProcess(fabric: FabricInstall, paths: StatePaths, org: Organisation): ProcessSpec {
  return {
    name: `ca-${org.name}`,
    command: fabric.bin('fabric-ca-server'),
    args: [
      'start',
      '--home',
      paths.org(org).caHome,
      '--port',
      String(org.ports.ca),
      '--address',
      org.host,
      '--ca.name',
      'ca',
      '--csr.cn',
      `ca.${org.name}.stadspas`,
      '--csr.hosts',
      tlsHostsOf(org).join(','),
      '--tls.enabled',
      '--cafiles',
      tlsCaConfigFile(paths, org),
    ],
    // Until the CA has issued its operations endpoint's certificate, that endpoint listens on a loopback port of the
    // system's choosing, without TLS; the node restarts the CA once it has (see initNode).
    env: existsSync(caOperationsTls(paths, org).cert)
      ? {}
      : {
          FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS: '127.0.0.1:0',
          FABRIC_CA_SERVER_OPERATIONS_TLS_ENABLED: 'false',
        },
    // Enrolment comes next: it talks to the TLS listener, which opens after the operations port.
    ready: () => httpsOk(endpointOf(org, org.ports.ca), '/api/v1/cainfo', { ca: paths.org(org).caCert }),
    readyWhen: 'its TLS listener answers GET /api/v1/cainfo',
    port: org.ports.ca,
    host: org.host,
  };
}

/** What to register and enrol at an organisation's CAs. */
export interface IdentityRequest {
  readonly name: string;
  readonly type: 'admin' | 'peer' | 'orderer' | 'client';
  /** Certificate attributes, put into the enrolment certificate. */
  readonly attrs?: Readonly<Record<string, string>>;
  /**
   * Also enrol a TLS certificate for the organisation's host and loopback (servers, and admins for the orderer admin
   * API); `only` for a server that needs no enrolment certificate (the CA's operations endpoint).
   */
  readonly tls: boolean | 'only';
}

/**
 * One attribute as `fabric-ca-client register --id.attrs` takes it (a CSV list). The chaincode's attributes go
 * into the enrolment certificate (`:ecert`); the CA's own `hf.` attributes stay with the CA, and a value with a
 * comma (a list of roles or attributes) is quoted.
 */
function registeredAttribute(name: string, value: string): string {
  if (name.startsWith('hf.')) {
    return value.includes(',') ? `"${name}=${value}"` : `${name}=${value}`;
  }
  return `${name}=${value}:ecert`;
}

/** Registers and enrols identities at one organisation's CA server, through the fabric-ca-client binary. */
export class OrgCa {
  readonly #fabric: FabricInstall;
  readonly #paths: StatePaths;
  readonly #org: Organisation;
  readonly #secrets: SecretStore;

  constructor(fabric: FabricInstall, paths: StatePaths, org: Organisation) {
    this.#fabric = fabric;
    this.#paths = paths;
    this.#org = org;
    this.#secrets = secretsOf(paths, org);
  }

  /** The MSP folder of the registrar of the given CA (used by gateways to onboard clients). */
  registrarHome(ca: CaName): string {
    return this.#paths.org(this.#org).identity(`${REGISTRAR}-${ca}`);
  }

  /** Enrols the bootstrap registrar at both CAs, once. */
  async enrollRegistrars(): Promise<void> {
    for (const ca of ['ca', 'tlsca'] as const) {
      const home = this.registrarHome(ca);
      if (hasCert(join(home, 'msp'))) {
        continue;
      }
      await this.#client(
        ['enroll', '--caname', ca, '-H', home, '-M', join(home, 'msp')],
        this.#enrolmentUrl(REGISTRAR, this.#secrets.secret(REGISTRAR)),
      );
    }
  }

  /**
   * Registers (if needed) and enrols an identity; a no-op when its certificates already exist.
   * @returns the identity's folder, holding `msp/` and, when asked for, `tls/`.
   */
  async enroll(request: IdentityRequest): Promise<string> {
    const home = this.#paths.org(this.#org).identity(request.name);
    const secret = this.#secrets.secret(request.name);
    const cas: CaName[] = request.tls === 'only' ? ['tlsca'] : request.tls ? ['ca', 'tlsca'] : ['ca'];
    for (const ca of cas) {
      const msp = join(home, ca === 'ca' ? 'msp' : 'tls');
      if (hasCert(msp)) {
        continue;
      }
      await this.#register(ca, request, secret);
      const args = ['enroll', '--caname', ca, '-H', join(home, `.client-${ca}`), '-M', msp];
      if (ca === 'tlsca') {
        args.push('--enrollment.profile', 'tls', '--csr.hosts', tlsHostsOf(this.#org).join(','));
      } else {
        args.push(...ENROLMENT_REQUEST_ARGS);
      }
      await this.#client(args, this.#enrolmentUrl(request.name, secret));
    }
    return home;
  }

  /**
   * Renews the certificate of an enrolled MSP folder before it expires: the CA re-enrols the identity, which
   * proves itself with the certificate it has, for the key it has. The key stays, so the channel still knows
   * the node: Raft consenters are matched by their TLS key. The new certificate is written beside the folder
   * and replaces the old one with one rename, so an interrupted renewal leaves the old certificate or the new,
   * never part of either, and running it again is safe.
   * @param tlsServer whether the certificate is a TLS server certificate for the organisation's host names.
   * @returns the renewed certificate file.
   */
  async renew(mspDir: string, ca: CaName, tlsServer: boolean): Promise<string> {
    const staging = `${mspDir}.renewing`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(mspDir, staging, { recursive: true });
    try {
      const args = ['reenroll', '--caname', ca, '-H', join(staging, '.client'), '-M', staging];
      args.push('--csr.keyrequest.reusekey');
      if (tlsServer) {
        args.push('--enrollment.profile', 'tls', '--csr.hosts', tlsHostsOf(this.#org).join(','));
      } else if (ca === 'ca') {
        args.push(...RENEWAL_REQUEST_ARGS);
      }
      await this.#client(args, {
        FABRIC_CA_CLIENT_URL: `https://${endpointOf(this.#org, this.#org.ports.ca)}`,
      });
      const current = onlyFile(join(mspDir, 'signcerts'));
      renameSync(join(staging, 'signcerts', basename(current)), current);
      return current;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /**
   * The identity CA's certificate revocation list as it stands: every certificate revoked at it, signed by the CA.
   * Made by the bootstrap registrar, which alone may generate it.
   * @returns the list in PEM.
   */
  async revocationList(): Promise<string> {
    const home = this.registrarHome('ca');
    const msp = join(home, 'msp');
    await this.#client(['gencrl', '--caname', 'ca', '-H', home, '-M', msp], {
      FABRIC_CA_CLIENT_URL: `https://${endpointOf(this.#org, this.#org.ports.ca)}`,
    });
    return readFileSync(join(msp, 'crls', 'crl.pem'), 'utf8');
  }

  async #register(ca: CaName, request: IdentityRequest, secret: string): Promise<void> {
    const args = [
      'register',
      '-u',
      `https://${endpointOf(this.#org, this.#org.ports.ca)}`,
      '--caname',
      ca,
      '-H',
      this.registrarHome(ca),
      '-M',
      join(this.registrarHome(ca), 'msp'),
      '--id.name',
      request.name,
      '--id.type',
      request.type,
      '--id.affiliation',
      '',
    ];
    const attrs = Object.entries(request.attrs ?? {});
    if (ca === 'ca' && attrs.length > 0) {
      args.push('--id.attrs', attrs.map(([name, value]) => registeredAttribute(name, value)).join(','));
    }
    try {
      await this.#client(args, { FABRIC_CA_CLIENT_ID_SECRET: secret });
    } catch (error) {
      // A crash between registering and enrolling leaves a registered identity: enrol it with its stored secret.
      if (!String(error).includes('already registered')) {
        throw error;
      }
    }
  }

  /** fabric-ca-client reads the enrolment URL, with the credentials in it, from its environment. */
  #enrolmentUrl(user: string, secret: string): Record<string, string> {
    const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(secret)}`;
    return { FABRIC_CA_CLIENT_URL: `https://${credentials}@${endpointOf(this.#org, this.#org.ports.ca)}` };
  }

  /**
   * Runs fabric-ca-client. Secrets travel in its environment (readable by the owner only), never in
   * its arguments, which every local user sees in the process list and which error messages repeat.
   */
  async #client(args: string[], secretEnv: Record<string, string>): Promise<void> {
    await run(
      this.#fabric.bin('fabric-ca-client'),
      [...args, '--tls.certfiles', this.#paths.org(this.#org).caCert],
      secretEnv,
    );
  }
}

function hasCert(msp: string): boolean {
  const signcerts = join(msp, 'signcerts');
  return existsSync(signcerts) && readdirSync(signcerts).length > 0;
}
