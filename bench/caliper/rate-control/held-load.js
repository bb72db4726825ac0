'use strict';

/*
 * A Caliper rate controller that holds a number of transactions in flight: the next one starts as soon as
 * fewer than `opts.transactionLoad` (shared among the workers) are unfinished. Caliper 0.6's own fixed-load
 * controller, once the load is reached, sleeps (excess × mean latency) per extra transaction, so that the
 * transactions in flight drain while it sleeps and the load it holds is well below the one asked for.
 */
const { setTimeout: sleep } = require('node:timers/promises');

/** How often the controller looks whether a transaction has finished, in ms. */
const POLL_MS = 2;

class HeldLoad {
  constructor(testMessage, stats) {
    const opts = testMessage.getRateControlSpec().opts || {};
    const load = Number(opts.transactionLoad || 10);
    this.stats = stats;
    this.target = Math.max(1, Math.round(load / testMessage.getWorkersNumber()));
  }

  async applyRateControl() {
    while (this.stats.getTotalSubmittedTx() - this.stats.getTotalFinishedTx() >= this.target) {
      await sleep(POLL_MS);
    }
  }

  async end() {}
}

module.exports.createRateController = (testMessage, stats) => new HeldLoad(testMessage, stats);
