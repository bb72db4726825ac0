import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CaConfig } from '../config/gateway-config';
import { AppError } from '../errors/app-error';
import type { CertificateAuthority, EnrolledIdentity, NewIdentity } from './certificate-authority';

const run = promisify(execFile);
const callTimeoutMs = 30_000;

/** The ecert attributes the chaincode authorises by: `role`, and `venueId` for venues. */
function attributesOf(identity: NewIdentity): string {
  const attributes = [`role=${identity.role}:ecert`];
  if (identity.venueId !== undefined) {
    attributes.push(`venueId=${identity.venueId}:ecert`);
  }
  return attributes.join(',');
}

function enrolUrl(caUrl: string, name: string, secret: string): string {
  const url = new URL(caUrl);
  url.username = name;
  url.password = secret;
  return url.toString().replace(/\/$/, '');
}

class FabricCaClient implements CertificateAuthority {
  readonly #ca: CaConfig;
  readonly #clientsDir: string;

  constructor(ca: CaConfig, clientsDir: string) {
    this.#ca = ca;
    this.#clientsDir = clientsDir;
  }

  async registerAndEnrol(identity: NewIdentity): Promise<EnrolledIdentity> {
    const home = join(this.#clientsDir, identity.name);
    const mspDir = join(home, 'msp');
    await mkdir(home, { recursive: true, mode: 0o700 });
    const common = ['--caname', this.#ca.caName, '--tls.certfiles', this.#ca.tlsCertPath, '--home', home];
    // The secret is used once, right here, and never stored: the API key is what the client keeps.
    const secret = randomBytes(24).toString('base64url');
    await this.#call(
      [
        'register',
        ...common,
        '-u',
        this.#ca.url,
        '--mspdir',
        this.#ca.registrarMspDir,
        '--id.name',
        identity.name,
        '--id.secret',
        secret,
        '--id.type',
        'client',
        '--id.attrs',
        attributesOf(identity),
      ],
      identity.name,
    );
    await this.#call(
      ['enroll', ...common, '-u', enrolUrl(this.#ca.url, identity.name, secret), '--mspdir', mspDir],
      identity.name,
    );
    const keys = (await readdir(join(mspDir, 'keystore'))).filter((file) => file.endsWith('_sk'));
    const key = keys[0];
    if (key === undefined) {
      throw new AppError('INTERNAL', `enrolment of ${identity.name} left no private key`);
    }
    return { certPath: join(mspDir, 'signcerts', 'cert.pem'), keyPath: join(mspDir, 'keystore', key) };
  }

  async #call(args: string[], name: string): Promise<void> {
    try {
      await run(this.#ca.clientBinary, args, { timeout: callTimeoutMs });
    } catch (err) {
      const stderr = (err as { stderr?: unknown }).stderr;
      if (typeof stderr === 'string' && /already registered|is already/i.test(stderr)) {
        throw new AppError('ALREADY_EXISTS', `identity ${name} is already registered at the CA`, {
          cause: err,
        });
      }
      throw new AppError(
        'UNAVAILABLE',
        `the certificate authority refused or did not answer (${args[0] ?? ''})`,
        {
          cause: err,
        },
      );
    }
  }
}

/** The organisation's Fabric CA, driven through the `fabric-ca-client` binary; identities go under `clientsDir`. */
export function fabricCaClient(ca: CaConfig, clientsDir: string): CertificateAuthority {
  return new FabricCaClient(ca, clientsDir);
}
