'use strict';

/*
 * One batch of adult passes as the municipality's desk issues them: the holders (synthetic personal data)
 * in a private transaction of the municipality's collection, then the public pass records in one batch
 * issue. Each batch is two transactions.
 */
const { randomBytes } = require('node:crypto');
const { StadspasWorkload } = require('./stadspas-workload');

const DAY_MS = 86_400_000;

class BatchIssueWorkload extends StadspasWorkload {
  async submitTransaction() {
    const batch = this.nextIndex();
    const { idPrefix, batchSize } = this.roundArguments;
    const passIds = Array.from({ length: batchSize }, (_, i) => `${idPrefix.toUpperCase()}-B${batch}-${i}`);
    const holders = passIds.map((passId) => ({
      passId,
      salt: randomBytes(16).toString('hex'),
      personalData: {
        name: 'Test Holder',
        bsn: '111222333',
        dateOfBirth: '1990-01-01',
        address: 'Teststraat 1',
      },
    }));
    await this.send('passes:RecordHolders', undefined, {
      transientMap: { holders: JSON.stringify(holders) },
    });
    const validFrom = new Date(Date.now() - DAY_MS).toISOString();
    const validUntil = new Date(Date.now() + 30 * DAY_MS).toISOString();
    await this.send('passes:IssuePasses', {
      passes: passIds.map((passId) => ({
        passId,
        category: 'adult',
        validFrom,
        validUntil,
        holderRef: `ref-${passId}`,
      })),
    });
  }
}

module.exports.createWorkloadModule = () => new BatchIssueWorkload();
