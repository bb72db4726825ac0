import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemeOrganisations } from '@stadspas/chaincode/vocabulary';
import { collectionsOf, endorsementPolicyOf } from '../src/chaincode/definition';
import { parseNetworkConfig, type NetworkConfig } from '../src/description/config';
import { schemeOf } from '../src/clients/scheme';

function shipped(): NetworkConfig {
  return parseNetworkConfig(JSON.parse(readFileSync(join(__dirname, '..', 'network.json'), 'utf8')));
}

/** The shipped network with a second municipality described next to it. */
function withSecondMunicipality(): NetworkConfig {
  const network = shipped();
  const [gemeente] = network.organisations;
  if (gemeente === undefined) {
    throw new Error('the shipped network has no organisations');
  }
  const ports = Object.fromEntries(Object.entries(gemeente.ports).map(([k, v]) => [k, v + 3000]));
  return parseNetworkConfig({
    ...network,
    organisations: [
      ...network.organisations,
      {
        ...gemeente,
        name: 'westerkwartier',
        mspId: 'WesterkwartierMSP',
        displayName: 'Gemeente Westerkwartier',
        ports,
        clients: [],
      },
    ],
  });
}

describe('what the network description puts on the ledger', () => {
  test('when the city is deployed, then the scheme names each organisation with its roles and the municipality with its collection, as the chaincode accepts it', () => {
    const scheme = schemeOf(shipped());

    expect(scheme).toEqual([
      {
        mspId: 'GemeenteMSP',
        name: 'Gemeente Groningen',
        roles: ['municipality'],
        personalDataCollection: 'gemeentePersonalData',
      },
      { mspId: 'SVBMSP', name: 'Sociale Verzekeringsbank', roles: ['payer'] },
      { mspId: 'VenuesMSP', name: expect.any(String) as string, roles: ['venues'] },
    ]);
    expect(schemeOrganisations.safeParse(scheme).success).toBe(true);
  });

  test('when a second municipality is described, then the definition holds a collection of its own that only its peers hold, read and endorse', () => {
    expect(collectionsOf(shipped()).map((c) => c.name)).toEqual(['gemeentePersonalData']);

    const collections = collectionsOf(withSecondMunicipality());

    expect(collections.map((c) => c.name)).toEqual(['gemeentePersonalData', 'westerkwartierPersonalData']);
    expect(collections[1]).toMatchObject({
      policy: "OR('WesterkwartierMSP.member')",
      memberOnlyRead: false,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: "OR('WesterkwartierMSP.peer')" },
    });
    expect(schemeOrganisations.safeParse(schemeOf(withSecondMunicipality())).success).toBe(true);
  });

  test("the endorsement policy names each described organisation's peers and needs a majority of them, growing with a fourth", () => {
    expect(endorsementPolicyOf(shipped())).toBe(
      "OutOf(2, 'GemeenteMSP.peer', 'SVBMSP.peer', 'VenuesMSP.peer')",
    );
    expect(endorsementPolicyOf(withSecondMunicipality())).toBe(
      "OutOf(3, 'GemeenteMSP.peer', 'SVBMSP.peer', 'VenuesMSP.peer', 'WesterkwartierMSP.peer')",
    );
  });

  test('when an organisation is described without roles, then the description is refused', () => {
    const network = shipped() as unknown as { organisations: Record<string, unknown>[] };
    delete network.organisations[1]?.roles;

    expect(() => parseNetworkConfig(network)).toThrow(/organisations\.1\.roles/);
  });
});
