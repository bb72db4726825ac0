import type { ClaimRecord } from '@stadspas/chaincode/vocabulary';
import { decodeBlock } from '../../src/read-model/block-transactions';
import { openReadModel, type ReadModel } from '../../src/read-model/read-model';
import { compositeKey, makeBlock } from './blocks';
import { makeOffer, makeRedemption } from './records';

export const POOL = 'zwembad-kardinge';

/** The nth booking's time: one a day from 1 November. */
export const dayOf = (n: number): string => new Date(Date.UTC(2026, 10, 1 + n, 9)).toISOString();

function claimRecord(
  claimId: string,
  venueId: string,
  status: ClaimRecord['status'],
  n: number,
): ClaimRecord {
  return {
    claimId,
    venueId,
    funderMspId: 'GemeenteMSP',
    periodFrom: dayOf(0),
    periodTo: dayOf(n),
    redemptionIds: [],
    totalCents: 450,
    status,
    submittedAt: dayOf(n),
  };
}

/**
 * Seven bookings at the pool (the sixth of SVB's budget), two at the museum, and four claims: what a read model
 * holds once it applied them.
 */
export function readModelWithHistory(): ReadModel {
  const model = openReadModel({ path: ':memory:' });
  const bookings = [1, 2, 3, 4, 5, 6, 7].map((n) =>
    makeRedemption({
      redemptionId: `pool-${String(n)}`,
      at: dayOf(n),
      ...(n === 6 ? { offerId: 'budget', funderMspId: 'SVBMSP' } : {}),
    }),
  );
  const museum = [1, 2].map((n) =>
    makeRedemption({ redemptionId: `museum-${String(n)}`, venueId: 'groninger-museum', at: dayOf(n) }),
  );
  const claims = [
    claimRecord('pool-1', POOL, 'paid', 2),
    claimRecord('pool-2', POOL, 'approved', 4),
    claimRecord('pool-3', POOL, 'approved', 6),
    claimRecord('museum-1', 'groninger-museum', 'approved', 5),
  ];
  const blocks = [
    makeBlock(0, [{ txId: 'genesis', config: true }]),
    makeBlock(1, [
      {
        txId: 'setup',
        writes: [
          { key: compositeKey('venue', POOL), value: { venueId: POOL, mspId: 'VenuesMSP' } },
          {
            key: compositeKey('venue', 'groninger-museum'),
            value: { venueId: 'groninger-museum', mspId: 'VenuesMSP' },
          },
          { key: compositeKey('offer', 'swim-5'), value: makeOffer({ offerId: 'swim-5' }) },
          {
            key: compositeKey('offer', 'budget'),
            value: makeOffer({ offerId: 'budget', funderMspId: 'SVBMSP' }),
          },
        ],
      },
    ]),
    makeBlock(2, [
      {
        txId: 'history',
        writes: [
          ...[...bookings, ...museum].map((r) => ({
            key: compositeKey('redemption', r.redemptionId),
            value: r,
          })),
          ...claims.map((c) => ({ key: compositeKey('claim', c.claimId), value: c })),
        ],
      },
    ]),
  ];
  for (const block of blocks) {
    model.applyBlock(decodeBlock(block, 'stadspas'));
  }
  return model;
}
