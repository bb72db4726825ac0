import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CaConfig } from '../config/gateway-config';
import { AppError } from '../errors/app-error';
import type { CertificateAuthority, EnrolledIdentity, NewIdentity } from './certificate-authority';
import { ENROLMENT_REQUEST_ARGS } from './enrolment-request';
import { forgetPending, readPending, writePending, type PendingRegistration } from './pending-registration';

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

function isAlreadyExists(err: unknown): boolean {
  return err instanceof AppError && err.code === 'ALREADY_EXISTS';
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
    await mkdir(home, { recursive: true, mode: 0o700 });
    const pending = await this.#register(identity, home);
    return this.#enrol(identity.name, home, pending.secret);
  }

  async settle(name: string): Promise<void> {
    await forgetPending(join(this.#clientsDir, name));
  }

  /**
   * Registers the identity, keeping its secret until it is settled, so that an enrolment or key issue that fails
   * can be retried. A registration kept from an earlier attempt is reused: registering it again may find it
   * registered, which is then expected.
   */
  async #register(identity: NewIdentity, home: string): Promise<PendingRegistration> {
    const attributes = attributesOf(identity);
    const earlier = await readPending(home);
    if (earlier !== undefined) {
      if (earlier.attributes !== attributes) {
        throw new AppError(
          'ALREADY_EXISTS',
          `identity ${identity.name} is registered with other attributes and awaits its key: retry with the same role and venueId`,
        );
      }
      await this.#registerAtCa(identity.name, earlier).catch((err: unknown) => {
        if (!isAlreadyExists(err)) {
          throw err;
        }
      });
      return earlier;
    }
    const pending = { secret: randomBytes(24).toString('base64url'), attributes };
    await writePending(home, pending);
    try {
      await this.#registerAtCa(identity.name, pending);
    } catch (err) {
      if (isAlreadyExists(err)) {
        // The name belongs to an identity this client did not register: nothing of this attempt is kept.
        await forgetPending(home);
      }
      throw err;
    }
    return pending;
  }

  async #registerAtCa(name: string, pending: PendingRegistration): Promise<void> {
    await this.#call(
      [
        'register',
        ...this.#common(join(this.#clientsDir, name)),
        '-u',
        this.#ca.url,
        '--mspdir',
        this.#ca.registrarMspDir,
        '--id.name',
        name,
        '--id.type',
        'client',
        '--id.attrs',
        pending.attributes,
      ],
      name,
      { FABRIC_CA_CLIENT_ID_SECRET: pending.secret },
    );
  }

  async #enrol(name: string, home: string, secret: string): Promise<EnrolledIdentity> {
    const mspDir = join(home, 'msp');
    // A key from an earlier, unfinished attempt is dropped, so the one left is the one this enrolment made.
    await rm(mspDir, { recursive: true, force: true });
    await this.#call(['enroll', ...this.#common(home), '--mspdir', mspDir, ...ENROLMENT_REQUEST_ARGS], name, {
      FABRIC_CA_CLIENT_URL: enrolUrl(this.#ca.url, name, secret),
    });
    const keys = (await readdir(join(mspDir, 'keystore'))).filter((file) => file.endsWith('_sk'));
    const key = keys[0];
    if (key === undefined) {
      throw new AppError('INTERNAL', `enrolment of ${name} left no private key`);
    }
    return { certPath: join(mspDir, 'signcerts', 'cert.pem'), keyPath: join(mspDir, 'keystore', key) };
  }

  async revoke(name: string): Promise<void> {
    const home = join(this.#clientsDir, '.revocations');
    await mkdir(home, { recursive: true, mode: 0o700 });
    const args = [
      'revoke',
      ...this.#common(home),
      '-u',
      this.#ca.url,
      '--mspdir',
      this.#ca.registrarMspDir,
      '--revoke.name',
      name,
      '--revoke.reason',
      'keycompromise',
    ];
    await this.#call(args, name).catch((err: unknown) => {
      // Revoked before (a repeated request): nothing is left to revoke.
      if (!isAlreadyExists(err)) {
        throw err;
      }
    });
  }

  #common(home: string): string[] {
    return ['--caname', this.#ca.caName, '--tls.certfiles', this.#ca.tlsCertPath, '--home', home];
  }

  /**
   * Runs the CA client. Secrets travel in its environment (`secretEnv`), never in its arguments, which every
   * local user can read in the process list and which error messages repeat.
   */
  async #call(args: string[], name: string, secretEnv: Readonly<Record<string, string>> = {}): Promise<void> {
    try {
      await run(this.#ca.clientBinary, args, {
        timeout: callTimeoutMs,
        env: { ...process.env, ...secretEnv },
      });
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
