'use strict';

/* An entitlement check: the venue scans a pass's card (an evaluate, nothing is committed). */
const { StadspasWorkload } = require('./stadspas-workload');

class ScanWorkload extends StadspasWorkload {
  async submitTransaction() {
    const index = this.nextIndex();
    await this.send('redemptions:Scan', undefined, {
      readOnly: true,
      transientMap: { card: this.cardFor(index) },
    });
  }
}

module.exports.createWorkloadModule = () => new ScanWorkload();
