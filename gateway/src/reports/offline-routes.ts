import { isOfferValidAt, offerRecord, qrKeyRecord } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import { defineRoute, type AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';
import type { ReadModel } from '../read-model/read-model';
import type { ServiceDeps } from '../services/service-deps';
import { toCsv } from './csv';
import { linkedDevices, overdrawnBookings, overdrawnColumns, refusedPasses } from './offline-kit';
import { reportScopeOf } from './report-scope';

const offlineKit = z
  .object({
    asOf: z.string().openapi({ description: 'When the gateway assembled the kit' }),
    blocksApplied: z.number().int(),
    offlineBookingsPerDay: z.number().int().optional(),
    offlineWindowSeconds: z.number().int().optional(),
    qrKeys: z.array(qrKeyRecord),
    offers: z.array(offerRecord).openapi({ description: 'The offers valid now that this venue takes' }),
    devices: z.array(z.object({ passId: z.string(), deviceId: z.string(), publicKey: z.string() })),
    refused: z.array(
      z.object({
        passId: z.string(),
        reason: z.enum(['blocked', 'replaced', 'expired', 'not-yet-valid', 'card-lost']),
      }),
    ),
  })
  .openapi('OfflineKit');

const overdrawnRow = z
  .object({
    redemptionId: z.string(),
    passId: z.string(),
    venueId: z.string(),
    offerId: z.string(),
    offlineAt: z.string(),
    at: z.string(),
    units: z.number().int(),
    overdrawnUnits: z.number().int(),
    reimbursementCents: z.number().int(),
  })
  .openapi('OverdrawnBooking');

const formatQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

/** @throws {AppError} FORBIDDEN for anyone but a venue identity. */
function requireVenue(client: ClientIdentity): void {
  if (client.venueId === undefined) {
    throw new AppError('FORBIDDEN', 'the offline kit is for a venue’s counter');
  }
}

/**
 * What a counter needs to go on without a connection, and the report of what offline counters overdrew: both
 * from the read model (and the ledger's public keys and settings).
 * @param municipality whether the gateway's organisation is a municipality of the scheme
 */
export function offlineRoutes(readModel: ReadModel, deps: ServiceDeps, municipality: boolean): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/offline-kit',
      tag: 'redemptions',
      summary:
        'What a venue’s counter keeps to check codes without a connection: the municipalities’ card keys, the linked ' +
        'phones’ keys, the passes to refuse and why, and the scheme’s offline allowance (venue)',
      status: 200,
      response: offlineKit,
      forbidden: 'anyone but a venue identity',
      handle: async ({ client }) => {
        requireVenue(client);
        const [qrKeys, config, offers] = await Promise.all([
          deps.ledger.evaluate(client, 'config:ListQrKeys', undefined),
          deps.ledger.evaluate(client, 'config:GetConfig', undefined),
          deps.ledger.evaluate(client, 'offers:ListOffers', undefined),
        ]);
        const asOf = new Date().toISOString();
        const { venueId } = client;
        return {
          body: {
            asOf,
            blocksApplied: Number(readModel.nextBlock()),
            ...(config.offlineBookingsPerDay === undefined
              ? {}
              : { offlineBookingsPerDay: config.offlineBookingsPerDay }),
            ...(config.offlineWindowSeconds === undefined
              ? {}
              : { offlineWindowSeconds: config.offlineWindowSeconds }),
            qrKeys,
            offers: offers.filter(
              (offer) =>
                isOfferValidAt(offer, asOf) &&
                venueId !== undefined &&
                offer.eligibleVenueIds.includes(venueId),
            ),
            devices: linkedDevices(readModel.db),
            refused: refusedPasses(readModel.db, asOf),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/reports/overdrawn',
      tag: 'reports',
      summary:
        'Bookings offline counters made beyond the balance, booked in full and flagged, newest first; ' +
        '?format=csv for a CSV download. A venue sees its own, the municipality its passes’, a funder its offers’.',
      query: formatQuery,
      status: 200,
      response: z
        .object({ items: z.array(overdrawnRow), blocksApplied: z.number().int() })
        .openapi('OverdrawnReport'),
      produces: ['text/csv'],
      forbidden: 'an organisation that funds no offer and is not a venue',
      handle: ({ client, query }) => {
        const rows = overdrawnBookings(readModel.db, reportScopeOf(readModel.db, client, municipality));
        if (query.format === 'csv') {
          return Promise.resolve({
            headers: { 'Content-Disposition': 'attachment; filename="overdrawn.csv"' },
            raw: {
              contentType: 'text/csv; charset=utf-8',
              bytes: Buffer.from(toCsv(overdrawnColumns, rows)),
            },
          });
        }
        return Promise.resolve({ body: { items: rows, blocksApplied: Number(readModel.nextBlock()) } });
      },
    }),
  ];
}
