/** A new client identity to register and enrol at the organisation's CA. */
export interface NewIdentity {
  readonly name: string;
  readonly role: string;
  readonly venueId?: string | undefined;
}

/** Where an enrolled identity's PEM files were written. */
export interface EnrolledIdentity {
  readonly certPath: string;
  readonly keyPath: string;
}

/** The organisation's certificate authority, as far as onboarding needs it. */
export interface CertificateAuthority {
  /**
   * Registers the identity with its attributes in its enrolment certificate, and enrols it.
   * @throws {AppError} ALREADY_EXISTS when the name is taken; UNAVAILABLE when the CA cannot be used.
   */
  registerAndEnrol(identity: NewIdentity): Promise<EnrolledIdentity>;
}
