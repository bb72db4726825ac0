'use strict';

/* One redemption of one entry with a pass's card at the run's own venue. */
const { randomUUID } = require('node:crypto');
const { StadspasWorkload } = require('./stadspas-workload');

class RedeemWorkload extends StadspasWorkload {
  async submitTransaction() {
    const index = this.nextIndex();
    await this.send(
      'redemptions:Redeem',
      { requestId: randomUUID(), offerId: this.roundArguments.offerId, quantity: 1 },
      // The card travels as transient data, as the gateway sends it: never in a block.
      { transientMap: { card: this.cardFor(index) } },
    );
  }
}

module.exports.createWorkloadModule = () => new RedeemWorkload();
