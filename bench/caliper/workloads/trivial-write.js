'use strict';

/* The trivial write the redemption is compared with: the municipality registers a venue (one new key). */
const { StadspasWorkload } = require('./stadspas-workload');

class TrivialWriteWorkload extends StadspasWorkload {
  async submitTransaction() {
    const index = this.nextIndex();
    await this.send('venues:RegisterVenue', {
      venueId: `${this.roundArguments.idPrefix}-t${this.roundIndex}-${index}`,
      name: 'Benchmark venue (trivial write)',
      kind: 'swimming-pool',
      mspId: 'VenuesMSP',
    });
  }
}

module.exports.createWorkloadModule = () => new TrivialWriteWorkload();
