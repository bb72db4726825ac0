import { readFileSync } from 'node:fs';
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

const organisationSchema = z
  .object({
    name,
    mspId: z.string().regex(/^[A-Za-z][A-Za-z0-9]*MSP$/),
    displayName: z.string().min(1),
    /** This organisation's gateway signs the QR codes of the passes it issues. */
    signsPassQrCodes: z.boolean().optional(),
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
  })
  .strict();

const networkSchema = z
  .object({
    channel: z.string().regex(/^[a-z][a-z0-9.-]*$/),
    chaincode: z.object({ name }).strict(),
    ordering: z.object({ batchTimeout: z.string(), maxMessageCount: z.number().int().positive() }).strict(),
    organisations: z.array(organisationSchema).min(1),
  })
  .strict()
  .superRefine((n, ctx) => {
    const ports = n.organisations.flatMap((o) => Object.values(o.ports));
    const seen = new Set<number>();
    for (const p of ports) {
      if (seen.has(p)) {
        ctx.addIssue({ code: 'custom', message: `port ${p} is used twice` });
      }
      seen.add(p);
    }
  });

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
