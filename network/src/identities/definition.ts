import { createPrivateKey, sign, verify, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { type NetworkConfig, type Organisation, organisationSchema } from '../description/config';
import { NODE_IDENTITIES } from './identities';
import { onlyFile, signedBy, writeNodeOus } from './msp';
import type { OrgPaths } from '../description/paths';

const FORMAT = 'stadspas-organisation-definition/2';

const certificate = z
  .string()
  .refine((pem) => pem.startsWith('-----BEGIN CERTIFICATE-----'), 'a PEM certificate');

/**
 * What one organisation publishes so that others can put it into a channel and talk to its nodes: who it is,
 * where its nodes listen, and certificates only. It never holds a private key or a secret.
 */
const definitionSchema = z
  .object({
    format: z.literal(FORMAT),
    organisation: organisationSchema.omit({ clients: true }),
    /** The root certificate of the organisation's identity CA: its MSP. */
    caCert: certificate,
    /** The root certificate of its TLS CA: every TLS connection to its nodes is checked against it. */
    tlsCaCert: certificate,
    /** Its admins' certificates, to check their signatures on channel updates. */
    adminCerts: z.array(certificate).min(1),
    /** Its orderer's TLS certificate: the Raft consenter's identity. */
    ordererTlsCert: certificate,
    /** The first admin's signature (base64, SHA-256 with its key) over every other field, in canonical JSON. */
    signature: z.base64().min(1),
  })
  .strict();

/** An organisation definition as exchanged between organisations. */
export type OrganisationDefinition = z.infer<typeof definitionSchema>;

/** The bytes an admin signs: every field of the definition but the signature, as canonical JSON. */
function signedBytes(definition: Omit<OrganisationDefinition, 'signature'>): Buffer {
  const { format, organisation, caCert, tlsCaCert, adminCerts, ordererTlsCert } = definition;
  return Buffer.from(
    JSON.stringify(sorted({ format, organisation, caCert, tlsCaCert, adminCerts, ordererTlsCert })),
  );
}

/**
 * The SHA-256 fingerprint of the identity CA of an organisation whose definition a node took in, as `AB:CD:...`:
 * what partners confirm with each other by another channel (a call) before they trust the definition.
 * @throws Error when the node has not taken in that organisation's definition.
 */
export function caFingerprintOf(own: OrgPaths, org: Organisation): string {
  return new X509Certificate(readFileSync(join(own.publicOf(org).msp, 'cacerts', 'ca.pem'))).fingerprint256;
}

/**
 * Writes the definition of an organisation from its own node folder, after its identities are enrolled, signed
 * with its admin's key.
 */
export function writeDefinition(own: OrgPaths, org: Organisation): OrganisationDefinition {
  const read = (file: string): string => readFileSync(file, 'utf8');
  const adminMsp = join(own.identity(NODE_IDENTITIES.admin), 'msp');
  const unsigned = {
    format: FORMAT,
    organisation: publicPart(org),
    caCert: read(own.caCert),
    tlsCaCert: read(own.tlsCaCert),
    adminCerts: [read(onlyFile(join(adminMsp, 'signcerts')))],
    ordererTlsCert: read(join(own.identity(NODE_IDENTITIES.orderer), 'tls', 'server.crt')),
  } satisfies Omit<OrganisationDefinition, 'signature'>;
  const adminKey = createPrivateKey(readFileSync(onlyFile(join(adminMsp, 'keystore'))));
  const definition: OrganisationDefinition = {
    ...unsigned,
    signature: sign('sha256', signedBytes(unsigned), adminKey).toString('base64'),
  };
  writeFileSync(own.definition, `${JSON.stringify(definition, null, 2)}\n`, { mode: 0o644 });
  return definition;
}

/**
 * Checks a definition received from another organisation: its format, that it describes an organisation of
 * the network description exactly as described there, that its certificates belong together, and that its
 * first admin signed all of it (so nothing was changed on the way). Whether the CA is really that
 * organisation's is for people to confirm: its fingerprint ({@link caFingerprintOf}) is printed on import.
 * @throws Error saying what is wrong.
 */
export function parseDefinition(
  network: NetworkConfig,
  raw: unknown,
  source: string,
): OrganisationDefinition {
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${source} is not an organisation definition: ${problems.join('; ')}`);
  }
  const definition = parsed.data;
  const { name } = definition.organisation;
  const described = network.organisations.find((o) => o.name === name);
  if (!described) {
    throw new Error(`${source} defines organisation ${name}, which the network description does not name`);
  }
  if (JSON.stringify(sorted(publicPart(described))) !== JSON.stringify(sorted(definition.organisation))) {
    throw new Error(
      `${source} describes ${name} otherwise than the network description does (its mspId, roles, host or ports differ)`,
    );
  }
  const tlsCa = new X509Certificate(definition.tlsCaCert);
  if (!signedBy(tlsCa, new X509Certificate(definition.ordererTlsCert))) {
    throw new Error(`${source}: the orderer's TLS certificate was not issued by ${name}'s TLS CA`);
  }
  const ca = new X509Certificate(definition.caCert);
  if (!definition.adminCerts.every((pem) => signedBy(ca, new X509Certificate(pem)))) {
    throw new Error(`${source}: an admin certificate was not issued by ${name}'s CA`);
  }
  const admin = new X509Certificate(definition.adminCerts[0] ?? '');
  if (
    !verify('sha256', signedBytes(definition), admin.publicKey, Buffer.from(definition.signature, 'base64'))
  ) {
    throw new Error(
      `${source}: not signed by ${name}'s admin (the signature does not verify over the definition)`,
    );
  }
  return definition;
}

/** What the definition says of an organisation: everything the network description says but its clients. */
function publicPart(org: Organisation): OrganisationDefinition['organisation'] {
  const { name, mspId, displayName, roles, host, ports } = org;
  return { name, mspId, displayName, roles, host, ports };
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sorted(v)]),
  );
}

/**
 * Takes another organisation's definition (or this one's own) into a node's public material: the definition
 * itself, the MSP folder the channel configuration is made from, and the orderer's TLS certificate.
 * @returns the organisation it defines.
 * @throws Error when the file is not a valid definition (see {@link parseDefinition}).
 */
export function importDefinition(own: OrgPaths, network: NetworkConfig, file: string): Organisation {
  const definition = parseDefinition(network, JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
  const org = network.organisations.find((o) => o.name === definition.organisation.name) as Organisation;
  const target = own.publicOf(org);
  mkdirSync(join(target.msp, 'cacerts'), { recursive: true });
  mkdirSync(join(target.msp, 'tlscacerts'), { recursive: true });
  writeFileSync(join(target.msp, 'cacerts', 'ca.pem'), definition.caCert);
  writeFileSync(target.tlsCaCert, definition.tlsCaCert);
  writeNodeOus(target.msp, 'cacerts/ca.pem');
  writeFileSync(target.ordererTlsCert, definition.ordererTlsCert);
  writeFileSync(target.definition, `${JSON.stringify(definition, null, 2)}\n`);
  return org;
}

/**
 * Takes a block of the channel into a node's public material: the genesis block, made by one organisation, or
 * the latest configuration block for an organisation that joins a running channel.
 * @throws Error when the file is empty.
 */
export function importBlock(file: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  if (readFileSync(file).length === 0) {
    throw new Error(`${file} is empty: expected a block of the channel`);
  }
  copyFileSync(file, target);
}
