import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClaimRecord } from '@stadspas/chaincode/vocabulary';
import { exportCsv } from '../../src/verify/csv';

describe('exporting the books as CSV', () => {
  test('when a claim’s reason starts like a formula, then the books’ CSV neutralises it as the reports do', () => {
    const folder = mkdtempSync(join(tmpdir(), 'books-'));
    const claim = { claimId: 'c0', rejectReason: '=HYPERLINK("http://x")' } as ClaimRecord;

    exportCsv({ passes: [], vouchers: [], redemptions: [], claims: [claim] }, folder);

    expect(readFileSync(join(folder, 'claims.csv'), 'utf8')).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  test('when a claim with a payment is exported, then its row carries the payment and its redemptions', () => {
    const folder = mkdtempSync(join(tmpdir(), 'books-'));
    const claim = {
      claimId: 'c1',
      venueId: 'pool',
      totalCents: 500,
      status: 'paid',
      redemptionIds: ['r1', 'r2'],
      paymentReference: 'SVB-1',
    } as ClaimRecord;

    exportCsv({ passes: [], vouchers: [], redemptions: [], claims: [claim] }, folder);

    const lines = readFileSync(join(folder, 'claims.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^claimId,venueId,funderMspId/);
    expect(lines[1]).toContain('c1,pool');
    expect(lines[1]).toContain('r1 r2');
    expect(lines[1]).toContain('SVB-1');
  });
});
