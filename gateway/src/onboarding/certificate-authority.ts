import type { ClientRecord } from '../auth/client-identity';

/** A new client identity to register and enrol at the organisation's CA. */
export type NewIdentity = Readonly<Pick<ClientRecord, 'name' | 'role' | 'venueId'>>;

/** Where an enrolled identity's PEM files were written. */
export interface EnrolledIdentity {
  readonly certPath: string;
  readonly keyPath: string;
}

/** The organisation's certificate authority, as far as onboarding needs it. */
export interface CertificateAuthority {
  /**
   * Registers the identity with its attributes in its enrolment certificate, and enrols it. An identity that this
   * CA client registered before but whose onboarding did not complete (not settled) is enrolled again instead,
   * provided the request is the same, so a retry completes a half-way onboarding.
   * @throws {AppError} ALREADY_EXISTS when the name is taken, or pending with other attributes; UNAVAILABLE when
   * the CA cannot be used.
   */
  registerAndEnrol(identity: NewIdentity): Promise<EnrolledIdentity>;

  /**
   * Marks the identity's onboarding complete (its API key is issued): it is never enrolled again.
   * @throws {Error} when what the CA client keeps for a pending identity cannot be removed.
   */
  settle(name: string): Promise<void>;

  /**
   * Revokes every certificate of a client identity at the CA, for good: it cannot enrol again. Revoking one that
   * is revoked already succeeds. The CA refuses identities other than clients (peers, orderers, admins).
   * @throws {AppError} UNAVAILABLE when the CA cannot be used or refuses.
   */
  revoke(name: string): Promise<void>;
}
