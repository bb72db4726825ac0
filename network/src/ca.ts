import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Organisation } from './config';
import { run, type FabricInstall } from './fabric';
import type { StatePaths } from './paths';
import type { ProcessSpec } from './processes';
import { httpOk } from './probes';
import type { SecretStore } from './secrets';

/** The two certificate authorities every organisation's CA server hosts. */
export type CaName = 'ca' | 'tlsca';

const REGISTRAR = 'registrar';
const REGISTRAR_ATTRS = {
  'hf.Registrar.Roles': '*',
  'hf.Registrar.DelegateRoles': '*',
  'hf.Registrar.Attributes': '*',
  'hf.Revoker': true,
  'hf.GenCRL': true,
  'hf.AffiliationMgr': true,
  'hf.IntermediateCA': true,
};

/** The CA server of an organisation: identity CA `ca` plus TLS CA `tlsca` in one process. */
export function caProcess(
  fabric: FabricInstall,
  paths: StatePaths,
  org: Organisation,
  secrets: SecretStore,
): ProcessSpec {
  const home = paths.org(org).caHome;
  const password = secrets.secret(`${org.name}/${REGISTRAR}`);
  const tlsCaConfig = join(home, 'tlsca', 'fabric-ca-config.yaml');
  if (!existsSync(tlsCaConfig)) {
    mkdirSync(join(home, 'tlsca'), { recursive: true });
    const config = {
      ca: { name: 'tlsca' },
      csr: { cn: `tlsca.${org.name}.stadspas`, hosts: ['localhost', '127.0.0.1'] },
      registry: {
        maxenrollments: -1,
        identities: [
          { name: REGISTRAR, pass: password, type: 'client', affiliation: '', attrs: REGISTRAR_ATTRS },
        ],
      },
      db: { type: 'sqlite3', datasource: 'fabric-ca-server.db' },
    };
    writeFileSync(tlsCaConfig, stringify(config), { mode: 0o600 });
  }
  return {
    name: `ca-${org.name}`,
    command: fabric.bin('fabric-ca-server'),
    args: [
      'start',
      '--home',
      home,
      '--port',
      String(org.ports.ca),
      '--address',
      '127.0.0.1',
      '-b',
      `${REGISTRAR}:${password}`,
      '--ca.name',
      'ca',
      '--csr.cn',
      `ca.${org.name}.stadspas`,
      '--csr.hosts',
      'localhost,127.0.0.1',
      '--tls.enabled',
      '--cafiles',
      tlsCaConfig,
    ],
    env: { FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS: `127.0.0.1:${org.ports.caOperations}` },
    ready: () => httpOk(`http://127.0.0.1:${org.ports.caOperations}/healthz`),
    port: org.ports.ca,
  };
}

/** What to register and enrol at an organisation's CAs. */
export interface IdentityRequest {
  readonly name: string;
  readonly type: 'admin' | 'peer' | 'orderer' | 'client';
  /** Certificate attributes, put into the enrolment certificate. */
  readonly attrs?: Readonly<Record<string, string>>;
  /** Also enrol a TLS certificate for 127.0.0.1/localhost (servers, and admins for the orderer admin API). */
  readonly tls: boolean;
}

/** Registers and enrols identities at one organisation's CA server, through the fabric-ca-client binary. */
export class OrgCa {
  readonly #fabric: FabricInstall;
  readonly #paths: StatePaths;
  readonly #org: Organisation;
  readonly #secrets: SecretStore;

  constructor(fabric: FabricInstall, paths: StatePaths, org: Organisation, secrets: SecretStore) {
    this.#fabric = fabric;
    this.#paths = paths;
    this.#org = org;
    this.#secrets = secrets;
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
      await this.#client([
        'enroll',
        '-u',
        this.#url(REGISTRAR, this.#secrets.secret(`${this.#org.name}/${REGISTRAR}`)),
        '--caname',
        ca,
        '-H',
        home,
        '-M',
        join(home, 'msp'),
      ]);
    }
  }

  /**
   * Registers (if needed) and enrols an identity; a no-op when its certificates already exist.
   * @returns the identity's folder, holding `msp/` and, when asked for, `tls/`.
   */
  async enroll(request: IdentityRequest): Promise<string> {
    const home = this.#paths.org(this.#org).identity(request.name);
    const secret = this.#secrets.secret(`${this.#org.name}/${request.name}`);
    const cas: CaName[] = request.tls ? ['ca', 'tlsca'] : ['ca'];
    for (const ca of cas) {
      const msp = join(home, ca === 'ca' ? 'msp' : 'tls');
      if (hasCert(msp)) {
        continue;
      }
      await this.#register(ca, request, secret);
      const args = [
        'enroll',
        '-u',
        this.#url(request.name, secret),
        '--caname',
        ca,
        '-H',
        join(home, `.client-${ca}`),
        '-M',
        msp,
      ];
      if (ca === 'tlsca') {
        args.push('--enrollment.profile', 'tls', '--csr.hosts', '127.0.0.1,localhost');
      }
      await this.#client(args);
    }
    return home;
  }

  async #register(ca: CaName, request: IdentityRequest, secret: string): Promise<void> {
    const args = [
      'register',
      '-u',
      `https://127.0.0.1:${this.#org.ports.ca}`,
      '--caname',
      ca,
      '-H',
      this.registrarHome(ca),
      '-M',
      join(this.registrarHome(ca), 'msp'),
      '--id.name',
      request.name,
      '--id.secret',
      secret,
      '--id.type',
      request.type,
      '--id.affiliation',
      '',
    ];
    const attrs = Object.entries(request.attrs ?? {});
    if (ca === 'ca' && attrs.length > 0) {
      args.push('--id.attrs', attrs.map(([k, v]) => `${k}=${v}:ecert`).join(','));
    }
    try {
      await this.#client(args);
    } catch (error) {
      // A crash between registering and enrolling leaves a registered identity: enrol it with its stored secret.
      if (!String(error).includes('already registered')) {
        throw error;
      }
    }
  }

  #url(user: string, secret: string): string {
    return `https://${encodeURIComponent(user)}:${encodeURIComponent(secret)}@127.0.0.1:${this.#org.ports.ca}`;
  }

  async #client(args: string[]): Promise<void> {
    await run(this.#fabric.bin('fabric-ca-client'), [
      ...args,
      '--tls.certfiles',
      this.#paths.org(this.#org).caCert,
    ]);
  }
}

function hasCert(msp: string): boolean {
  const signcerts = join(msp, 'signcerts');
  return existsSync(signcerts) && readdirSync(signcerts).length > 0;
}
