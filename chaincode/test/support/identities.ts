import type { CallerIdentity } from '../../src/ledger/context';

/** A client identity as the Fabric CA issues it: an organisation plus certificate attributes. */
export class TestIdentity implements CallerIdentity {
  constructor(
    readonly mspId: string,
    readonly attributes: Readonly<Record<string, string>>,
    readonly name: string,
  ) {}

  getMSPID(): string {
    return this.mspId;
  }

  getAttributeValue(name: string): string | null {
    return this.attributes[name] ?? null;
  }

  getID(): string {
    return `x509::/OU=client/CN=${this.name}::/CN=ca.${this.mspId}`;
  }
}

/** Factories for the identities of the scheme. */
export const identities = {
  municipalityAdmin: (): TestIdentity => new TestIdentity('GemeenteMSP', { role: 'admin' }, 'gemeente-admin'),
  municipalityStaff: (): TestIdentity => new TestIdentity('GemeenteMSP', { role: 'staff' }, 'gemeente-staff'),
  municipalityReader: (): TestIdentity =>
    new TestIdentity('GemeenteMSP', { role: 'reader' }, 'gateway-reader'),
  payerAdmin: (): TestIdentity => new TestIdentity('SVBMSP', { role: 'admin' }, 'svb-admin'),
  payer: (): TestIdentity => new TestIdentity('SVBMSP', { role: 'payer' }, 'svb-payer'),
  regionAdmin: (): TestIdentity =>
    new TestIdentity('WesterkwartierMSP', { role: 'admin' }, 'westerkwartier-admin'),
  regionStaff: (): TestIdentity =>
    new TestIdentity('WesterkwartierMSP', { role: 'staff' }, 'westerkwartier-staff'),
  venuesAdmin: (): TestIdentity => new TestIdentity('VenuesMSP', { role: 'admin' }, 'venues-admin'),
  venue: (venueId: string, mspId = 'VenuesMSP'): TestIdentity =>
    new TestIdentity(mspId, { role: 'venue', venueId }, venueId),
  custom: (mspId: string, attributes: Record<string, string>): TestIdentity =>
    new TestIdentity(mspId, attributes, 'custom'),
};
