'use strict';

/*
 * The base of the Stadspas workload modules: each round's arguments name the identity, the contract and
 * what to book on; requests are the chaincode's JSON arguments.
 */
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

class StadspasWorkload extends WorkloadModuleBase {
  constructor() {
    super();
    this.sent = 0;
  }

  /** The next number of this worker, so that operations in flight use different passes and ids. */
  nextIndex() {
    const index = this.sent * this.totalWorkers + this.workerIndex;
    this.sent += 1;
    return index;
  }

  /** The card of the pass for operation `index`. */
  cardFor(index) {
    const cards = this.roundArguments.cards;
    return cards[index % cards.length];
  }

  /** Sends one transaction of the chaincode with one JSON argument, as the round's identity. */
  send(contractFunction, request, options = {}) {
    return this.sutAdapter.sendRequests({
      contractId: this.roundArguments.contractId,
      contractFunction,
      contractArguments: request === undefined ? [] : [JSON.stringify(request)],
      invokerIdentity: this.roundArguments.invokerIdentity,
      invokerMspId: this.roundArguments.invokerMspId,
      readOnly: options.readOnly === true,
      ...(options.transientMap === undefined ? {} : { transientMap: options.transientMap }),
    });
  }
}

module.exports = { StadspasWorkload };
