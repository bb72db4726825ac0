import { readFileSync } from 'node:fs';
import { payingAccount, SCHEME_ROLES, type SchemeRole } from '@stadspas/chaincode/vocabulary';
import { z } from 'zod';

const port = z.number().int().min(1024).max(65535);
const name = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes');

const clientSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
    role: z.enum(['admin', 'staff', 'payer', 'venue']),
    venueId: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,62}$/)
      .optional(),
  })
  .strict()
  .refine((c) => (c.role === 'venue') === (c.venueId !== undefined), {
    error: 'a venue client needs a venueId, other roles must not have one',
  });

export const organisationSchema = z
  .object({
    name,
    mspId: z.string().regex(/^[A-Za-z][A-Za-z0-9]*MSP$/),
    displayName: z.string().min(1),
    /**
     * What it does in the scheme (set up on the ledger with the chaincode): a municipality issues passes, keeps
     * its holders in a private data collection of its own and its gateway signs its cards' QR codes.
     */
    roles: z
      .array(z.enum(SCHEME_ROLES))
      .min(1)
      .refine((roles) => new Set(roles).size === roles.length, 'must not hold a role twice'),
    /**
     * The name or IPv4 address its nodes listen on and are dialled by (certificates carry it). Loopback for
     * the demo, where every organisation runs on one machine.
     */
    host: z
      .string()
      .regex(
        /^(\d{1,3}(\.\d{1,3}){3}|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$/,
        'a host name or IPv4 address',
      )
      .default('127.0.0.1'),
    ports: z
      .object({
        ca: port,
        caOperations: port,
        orderer: port,
        ordererAdmin: port,
        ordererOperations: port,
        peer: port,
        peerChaincode: port,
        peerOperations: port,
        chaincode: port,
        gateway: port,
      })
      .strict(),
    clients: z.array(clientSchema),
    /** The account it pays venues from (a payer): its gateway's SEPA credit transfer files debit it. */
    bankAccount: payingAccount.optional(),
  })
  .strict();

const networkSchema = z
  .object({
    channel: z.string().regex(/^[a-z][a-z0-9.-]*$/),
    chaincode: z.object({ name }).strict(),
    ordering: z.object({ batchTimeout: z.string(), maxMessageCount: z.number().int().positive() }).strict(),
    organisations: z.array(organisationSchema).min(1),
    /**
     * How long the certificates the organisations' CAs issue stay valid, as hours or minutes (`8760h`, a year,
     * when absent). Minutes only make sense in a test of renewal.
     */
    certificateLifetime: z
      .string()
      .regex(/^[1-9]\d*[hm]$/, 'hours or minutes, such as 8760h')
      .optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    // Organisations on one host share its ports; on different hosts they may use the same numbers.
    const seen = new Set<string>();
    for (const o of n.organisations) {
      for (const p of Object.values(o.ports)) {
        if (seen.has(`${o.host}:${String(p)}`)) {
          ctx.addIssue({ code: 'custom', message: `port ${p} is used twice on ${o.host}` });
        }
        seen.add(`${o.host}:${String(p)}`);
      }
    }
  });

/** Whether an organisation is a municipality: it issues passes and signs their QR codes. */
export function isMunicipality(org: Pick<Organisation, 'roles'>): boolean {
  return org.roles.includes('municipality');
}

/**
 * The first organisation of the network with a role in the scheme.
 * @throws Error when no organisation has it.
 */
export function organisationWithRole(network: NetworkConfig, role: SchemeRole): Organisation {
  const org = network.organisations.find((o) => o.roles.includes(role));
  if (org === undefined) {
    throw new Error(`no organisation of the network has the role ${role}`);
  }
  return org;
}

/**
 * The admin client of an organisation, as the network description names it.
 * @throws Error when the description gives the organisation no admin client.
 */
export function adminClientOf(org: Organisation): ClientSpec {
  const admin = org.clients.find((client) => client.role === 'admin');
  if (admin === undefined) {
    throw new Error(`${org.name} has no admin client in the network description`);
  }
  return admin;
}

/** The private data collection of a municipality's holders. */
export function personalDataCollection(org: Pick<Organisation, 'name'>): string {
  return `${org.name}PersonalData`;
}

/** One organisation of the network, as described in network.json. */
export type Organisation = z.infer<typeof organisationSchema>;
/** A demo client identity of an organisation. */
export type ClientSpec = z.infer<typeof clientSchema>;
/** The whole network: channel, chaincode service, ordering settings and organisations. */
export type NetworkConfig = z.infer<typeof networkSchema>;

/**
 * Validates a parsed network description.
 * @throws Error listing every problem at once when the description is invalid.
 */
export function parseNetworkConfig(raw: unknown): NetworkConfig {
  const result = networkSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid network description:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Reads and validates network.json. @throws Error when the file is unreadable or invalid. */
export function loadNetworkConfig(file: string): NetworkConfig {
  return parseNetworkConfig(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

/** How long the certificates of the network's CAs stay valid, as fabric-ca-server reads a duration. */
export function certificateLifetimeOf(network: Pick<NetworkConfig, 'certificateLifetime'>): string {
  return network.certificateLifetime ?? '8760h';
}

/** Where a node of an organisation is dialled: its host and the given port. */
export function endpointOf(org: Organisation, port: number): string {
  return `${org.host}:${String(port)}`;
}

/** The names a TLS certificate of an organisation's node must carry: loopback and the organisation's host. */
export function tlsHostsOf(org: Organisation): string[] {
  return [...new Set(['localhost', '127.0.0.1', org.host])];
}
