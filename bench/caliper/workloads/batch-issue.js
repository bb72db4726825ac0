'use strict';

/*
 * One batch of adult passes as the municipality's desk issues them: the holders (synthetic personal data)
 * in a private transaction of the municipality's collection, then the public pass records in one batch
 * issue. Each batch is two transactions.
 */
const { adultPassBatch } = require('@stadspas/network');
const { StadspasWorkload } = require('./stadspas-workload');

class BatchIssueWorkload extends StadspasWorkload {
  async submitTransaction() {
    const batch = this.nextIndex();
    const { idPrefix, batchSize } = this.roundArguments;
    const passIds = Array.from({ length: batchSize }, (_, i) => `${idPrefix.toUpperCase()}-B${batch}-${i}`);
    const { transient, passes } = adultPassBatch(passIds);
    await this.send('passes:RecordHolders', undefined, { transientMap: { ...transient } });
    await this.send('passes:IssuePasses', { passes });
  }
}

module.exports.createWorkloadModule = () => new BatchIssueWorkload();
