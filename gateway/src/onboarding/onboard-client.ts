import { IDENTITY_ROLES, type Role, type SchemeRole } from '@stadspas/chaincode/vocabulary';
import { hashApiKey, newApiKey } from '../auth/api-key';
import { clientRecordSchema, type ClientIdentity } from '../auth/client-identity';
import type { KeyStore } from '../auth/key-store';
import { AppError } from '../errors/app-error';
import { validate } from '../http/validate';
import { newClientFields } from '../schemas/client-schemas';
import type { CertificateAuthority, NewIdentity } from './certificate-authority';

/** What onboarding needs. */
export interface OnboardingDeps {
  readonly mspId: string;
  /** What the organisation does in the scheme. */
  readonly roles: readonly SchemeRole[];
  readonly keyStore: KeyStore;
  readonly ca: CertificateAuthority | undefined;
}

/** A new client and its API key, which is shown this once and stored only as a hash. */
export interface OnboardedClient {
  readonly name: string;
  readonly role: string;
  readonly venueId?: string;
  readonly mspId: string;
  readonly apiKey: string;
}

/** Roles an admin may hand out: those its organisation's scheme roles issue, except admin itself. */
function assignableRoles(roles: readonly SchemeRole[]): readonly Role[] {
  return [...new Set(roles.flatMap((role) => IDENTITY_ROLES[role]))].filter((role) => role !== 'admin');
}

/**
 * Checks everything about the request that does not need the CA, so that nothing is registered for a request
 * that cannot end with a key.
 * @throws {AppError} as onboardClient, before the CA is asked.
 */
function checkRequest(
  deps: OnboardingDeps,
  caller: ClientIdentity,
  request: NewIdentity,
): CertificateAuthority {
  if (caller.role !== 'admin' || caller.mspId !== deps.mspId) {
    throw new AppError('FORBIDDEN', 'only an organisation admin may onboard clients');
  }
  validate(
    newClientFields.extend({ mspId: clientRecordSchema.shape.mspId }),
    { ...request, mspId: deps.mspId },
    'body',
  );
  if (!assignableRoles(deps.roles).includes(request.role)) {
    throw new AppError('INVALID_ARGUMENT', `role must be one of ${assignableRoles(deps.roles).join(', ')}`);
  }
  if ((request.role === 'venue') !== (request.venueId !== undefined)) {
    throw new AppError('INVALID_ARGUMENT', 'venueId is required for, and only for, role venue');
  }
  if (deps.keyStore.findByName(request.name) !== undefined) {
    throw new AppError('ALREADY_EXISTS', `client ${request.name} already exists`);
  }
  if (deps.ca === undefined) {
    throw new AppError('UNAVAILABLE', 'this gateway has no certificate authority configured');
  }
  return deps.ca;
}

/**
 * Registers and enrols a new identity at the organisation's CA and issues it an API key. The request is checked in
 * full before the CA is asked; an onboarding that fails after registration is completed by the same request again
 * (the CA client keeps the registration until the key is issued), so no identity is left without a key.
 * @throws {AppError} FORBIDDEN unless the caller is this organisation's admin; INVALID_ARGUMENT for a malformed
 * name or venueId, a role the organisation does not issue or a venueId missing/present against the role;
 * ALREADY_EXISTS for a taken name; UNAVAILABLE when no CA is configured or it fails.
 */
export async function onboardClient(
  deps: OnboardingDeps,
  caller: ClientIdentity,
  request: NewIdentity,
): Promise<OnboardedClient> {
  const ca = checkRequest(deps, caller, request);
  const enrolled = await ca.registerAndEnrol(request);
  const apiKey = newApiKey();
  const venue = request.venueId === undefined ? {} : { venueId: request.venueId };
  await deps.keyStore.add({
    name: request.name,
    role: request.role,
    ...venue,
    mspId: deps.mspId,
    apiKeySha256: hashApiKey(apiKey),
    certPath: enrolled.certPath,
    keyPath: enrolled.keyPath,
  });
  await ca.settle(request.name);
  return { name: request.name, role: request.role, ...venue, mspId: deps.mspId, apiKey };
}

/** A client of this gateway as its organisation's admin sees it: never its key. */
export interface ListedClient {
  readonly name: string;
  readonly role: string;
  readonly venueId?: string;
  /** Set while its certificate awaits revocation at the CA. */
  readonly revokedAt?: string;
}

/**
 * The clients of this gateway, by name, for its organisation's admin.
 * @throws {AppError} FORBIDDEN unless the caller is this organisation's admin.
 */
export function listClients(deps: OnboardingDeps, caller: ClientIdentity): { clients: ListedClient[] } {
  if (caller.role !== 'admin' || caller.mspId !== deps.mspId) {
    throw new AppError('FORBIDDEN', 'only an organisation admin may list clients');
  }
  const clients = deps.keyStore
    .list()
    .map(({ name, role, venueId, revokedAt }) => ({
      name,
      role,
      ...(venueId === undefined ? {} : { venueId }),
      ...(revokedAt === undefined ? {} : { revokedAt }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { clients };
}

/** What revoking a client did. */
export interface RevokedClient {
  readonly name: string;
  readonly apiKeyRevoked: true;
  /** Whether the CA revoked its certificate (false only on a gateway without a CA). */
  readonly certificateRevoked: boolean;
}

/**
 * Revokes a client: its API key at once (the gateway refuses it from the next request on, also to page sessions it
 * opened), then its certificate at the CA, which puts it on the revocation list the organisation publishes to the
 * channel. When the CA fails, the key stays revoked and the same request again completes the revocation. An
 * admin cannot revoke its own key, so the organisation is never locked out by a slip.
 * @throws {AppError} FORBIDDEN unless the caller is this organisation's admin, or for the caller's own key;
 * NOT_FOUND for a name without a key here; UNAVAILABLE when the CA did not revoke the certificate.
 */
export async function revokeClient(
  deps: OnboardingDeps,
  caller: ClientIdentity,
  name: string,
): Promise<RevokedClient> {
  if (caller.role !== 'admin' || caller.mspId !== deps.mspId) {
    throw new AppError('FORBIDDEN', 'only an organisation admin may revoke clients');
  }
  if (name === caller.name) {
    throw new AppError(
      'FORBIDDEN',
      'an admin cannot revoke its own key: another admin of the organisation can',
    );
  }
  if ((await deps.keyStore.revoke(name, new Date())) === undefined) {
    throw new AppError('NOT_FOUND', `client ${name} has no key at this gateway`);
  }
  if (deps.ca !== undefined) {
    try {
      await deps.ca.revoke(name);
    } catch (err) {
      throw new AppError(
        'UNAVAILABLE',
        `the API key of ${name} is revoked, its certificate not yet: the CA did not answer; send this request again`,
        { cause: err },
      );
    }
  }
  await deps.keyStore.remove(name);
  return { name, apiKeyRevoked: true, certificateRevoked: deps.ca !== undefined };
}
