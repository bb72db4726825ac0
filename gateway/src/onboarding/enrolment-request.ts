import { ROLE_ATTRIBUTE, VENUE_ID_ATTRIBUTE } from '@stadspas/chaincode/vocabulary';

/** The subject and host names a renewal asks for: a CA's `reenroll` keeps the attributes it issued before. */
export const RENEWAL_REQUEST_ARGS: readonly string[] = ['--csr.names', 'C=NL', '--csr.hosts', ''];

/**
 * What `fabric-ca-client enroll` asks of an enrolment certificate, beyond its defaults: every transaction carries
 * its client's certificate twice and each endorsing peer's once, so a certificate holds only what is read from it.
 * - Subject: the country alone; the CA adds the role's OU and the enrolment id as CN (the client's default names
 *   are another organisation's).
 * - No host names: an enrolment certificate signs, it serves no TLS.
 * - Of the attributes, only the chaincode's `role` and `venueId` (where the identity has them), not the CA's own
 *   `hf.` ones.
 */
export const ENROLMENT_REQUEST_ARGS: readonly string[] = [
  ...RENEWAL_REQUEST_ARGS,
  '--enrollment.attrs',
  `${ROLE_ATTRIBUTE}:opt,${VENUE_ID_ATTRIBUTE}:opt`,
];
