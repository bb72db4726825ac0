import { payingAccount, SCHEME_ROLES } from '@stadspas/chaincode/vocabulary';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { defaultDeliveryRetention } from '../webhooks/delivery-retention';

const absolutePath = z.string().min(1).startsWith('/', 'must be an absolute path');

/**
 * One peer the gateway dials, in order. Every one is the organisation's own: the gateway believes what a peer
 * answers (results, blocks, events), so it never asks another organisation's peer.
 */
export const peerConfigSchema = z.strictObject({
  /** The organisation that runs the peer. */
  mspId: z.string().min(1),
  endpoint: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port'),
  tlsRootCertPath: absolutePath,
  hostnameOverride: z.string().min(1).optional(),
});

/** How the gateway reaches its organisation's Fabric CA to onboard new clients. */
export const caConfigSchema = z.strictObject({
  url: z.url(),
  caName: z.string().min(1),
  tlsCertPath: absolutePath,
  registrarMspDir: absolutePath,
  clientBinary: absolutePath,
});

/** The whole configuration of one organisation's gateway, as written by the network tooling. */
export const gatewayConfigSchema = z
  .strictObject({
    org: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lower-case organisation name'),
    mspId: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{0,63}$/, 'must be an MSP id'),
    /** What the organisation does in the scheme: it decides which roles its admins may give new clients. */
    roles: z
      .array(z.enum(SCHEME_ROLES))
      .min(1)
      .default([...SCHEME_ROLES]),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535),
    /**
     * The certificate (from the organisation's TLS CA, or one the operator provides) and key the gateway serves
     * HTTPS with. Without them it speaks plain HTTP, for a TLS proxy in front of it.
     */
    tls: z.strictObject({ certPath: absolutePath, keyPath: absolutePath }).optional(),
    channel: z.string().min(1).default('stadspas'),
    chaincode: z.string().min(1).default('stadspas'),
    stateDir: absolutePath,
    /** The organisation's node folder, whose certificates' expiry `/health` and the metrics report. */
    nodeDir: absolutePath.optional(),
    peers: z.array(peerConfigSchema).min(1, 'needs at least one of the organisation’s own peers'),
    ca: caConfigSchema.optional(),
    keyStorePath: absolutePath,
    /**
     * The gateway's own identity for what it shows without a client (the holder page, `/health`, the read model):
     * role `reader`, which the chaincode lets read only that. Without it the organisation's admin client is used.
     */
    reader: z.strictObject({ certPath: absolutePath, keyPath: absolutePath }).optional(),
    qrSigningKeyPath: absolutePath.optional(),
    /** The account a payer pays venues from: its SEPA credit transfer files debit it, its statements are of it. */
    bankAccount: payingAccount.optional(),
    rateLimitPerMinute: z.number().int().positive().default(600),
    /** Requests per minute per client address that carry no valid API key. */
    anonymousRateLimitPerMinute: z.number().int().positive().default(60),
    /** Event streams one API key may hold open at once. */
    maxStreamsPerClient: z.number().int().positive().default(4),
    /** Event streams the gateway holds open at once, over all keys; the next is refused (STREAM_CAPACITY_REACHED). */
    maxStreams: z.number().int().positive().default(100),
    /** Webhooks one gateway keeps at most; a registration beyond is refused with TOO_MANY_WEBHOOKS. */
    maxWebhooks: z.number().int().positive().default(20),
    /**
     * Networks (`address/prefix`) whose internal addresses deliveries may reach besides public ones; none by
     * default. A gateway whose partners' receivers run on its own machine allows loopback here.
     */
    webhookAllowedNetworks: z
      .array(
        z
          .string()
          .refine(
            (cidr) => ipaddr.isValidCIDR(cidr),
            'must be a network written as address/prefix, e.g. 127.0.0.0/8',
          ),
      )
      .default([]),
    /**
     * A webhook whose deliveries fail: the first pause, doubling up to the longest, and the rounds in a row that
     * may fail before it is paused.
     */
    webhookRetry: z
      .strictObject({
        baseMs: z.number().int().positive(),
        maxMs: z.number().int().positive(),
        maxAttempts: z.number().int().min(1).max(100),
      })
      .default({ baseMs: 1_000, maxMs: 600_000, maxAttempts: 12 }),
    /** Delivered webhook deliveries are kept this long, and at most this many per webhook; pending ones always. */
    webhookRetention: z
      .strictObject({
        maxAgeMs: z.number().int().positive(),
        keepPerWebhook: z.number().int().positive(),
      })
      .default({ ...defaultDeliveryRetention }),
  })
  .superRefine((config, ctx) => {
    config.peers.forEach((peer, i) => {
      if (peer.mspId !== config.mspId) {
        ctx.addIssue({
          code: 'custom',
          path: ['peers', i, 'mspId'],
          message: `is ${peer.mspId}: a gateway reads and submits through its own organisation’s peers only (${config.mspId})`,
        });
      }
    });
  });

export type PeerConfig = Readonly<z.infer<typeof peerConfigSchema>>;
export type CaConfig = Readonly<z.infer<typeof caConfigSchema>>;
export type GatewayConfig = Readonly<z.infer<typeof gatewayConfigSchema>>;
/** A configuration as it is written to a file: the settings with defaults may be left out. */
export type GatewayConfigInput = Readonly<z.input<typeof gatewayConfigSchema>>;
