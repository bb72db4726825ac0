import type { ClientRecord } from '../../src/auth/client-identity';
import { hashApiKey } from '../../src/auth/api-key';

/** A test client: its key store record and the API key that unlocks it. */
export interface TestClient {
  readonly record: ClientRecord;
  readonly apiKey: string;
}

/** Builds a client of the key store with a predictable key, e.g. `key-municipality-staff`. */
export function makeClient(
  name: string,
  overrides: Partial<Omit<ClientRecord, 'name' | 'apiKeySha256'>> = {},
): TestClient {
  const apiKey = `key-${name}`;
  return {
    apiKey,
    record: {
      name,
      role: 'staff',
      mspId: 'GemeenteMSP',
      certPath: `certs/${name}/cert.pem`,
      keyPath: `certs/${name}/key.pem`,
      ...overrides,
      apiKeySha256: hashApiKey(apiKey),
    },
  };
}

/** The clients most tests use, by their part in a test. */
export type StandardClients = Readonly<
  Record<'admin' | 'staff' | 'venue' | 'otherVenue' | 'payer', TestClient>
>;

/** The clients most tests use. */
export function standardClients(): StandardClients {
  return {
    admin: makeClient('gemeente-admin', { role: 'admin' }),
    staff: makeClient('gemeente-staff'),
    venue: makeClient('kardinge-scanner', { role: 'venue', mspId: 'VenuesMSP', venueId: 'zwembad-kardinge' }),
    otherVenue: makeClient('museum-scanner', {
      role: 'venue',
      mspId: 'VenuesMSP',
      venueId: 'groninger-museum',
    }),
    payer: makeClient('svb-payer', { role: 'payer', mspId: 'SVBMSP' }),
  };
}
