import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  adminClientOf,
  certificateLifetimeOf,
  organisationWithRole,
  parseNetworkConfig,
  type NetworkConfig,
} from '../src/description/config';

function shipped(): NetworkConfig {
  return JSON.parse(readFileSync(join(__dirname, '..', 'network.json'), 'utf8')) as NetworkConfig;
}

describe('the network description', () => {
  test('when the shipped network.json is read, then it is valid and has the three organisations', () => {
    const network = parseNetworkConfig(shipped());

    expect(network.organisations.map((o) => o.mspId)).toEqual(['GemeenteMSP', 'SVBMSP', 'VenuesMSP']);
  });

  test('when two processes share a port, then it is refused naming the port', () => {
    const network = shipped();
    const [first, second] = network.organisations;
    if (!first || !second) {
      throw new Error('fixture needs two organisations');
    }
    second.ports.peer = first.ports.peer;

    expect(() => parseNetworkConfig(network)).toThrow(`port ${first.ports.peer} is used twice`);
  });

  test('when a certificate lifetime is not hours or minutes, then it is refused; without one, a year', () => {
    expect(() => parseNetworkConfig({ ...shipped(), certificateLifetime: '1y' })).toThrow(
      /certificateLifetime: hours or minutes/,
    );
    expect(certificateLifetimeOf(parseNetworkConfig({ ...shipped(), certificateLifetime: '4m' }))).toBe('4m');
    expect(certificateLifetimeOf(parseNetworkConfig(shipped()))).toBe('8760h');
  });

  test('when a venue client has no venueId, then it is refused', () => {
    const network = shipped();
    network.organisations[2]?.clients.push({ name: 'nameless-venue', role: 'venue' });

    expect(() => parseNetworkConfig(network)).toThrow(/venueId/);
  });

  test('when several fields are wrong, then every problem is reported at once', () => {
    const network = shipped() as unknown as { channel: string; organisations: { mspId: string }[] };
    network.channel = 'Not A Channel';
    if (network.organisations[0]) {
      network.organisations[0].mspId = 'gemeente';
    }

    expect(() => parseNetworkConfig(network)).toThrow(/channel[\s\S]*organisations\.0\.mspId/);
  });
});

describe('finding organisations and their admins', () => {
  it('when a role or an admin is asked for, then the first organisation with it and its admin client are found', () => {
    const network = parseNetworkConfig(shipped());
    const municipality = organisationWithRole(network, 'municipality');

    expect(municipality.mspId).toBe('GemeenteMSP');
    expect(adminClientOf(municipality)).toMatchObject({ role: 'admin' });
  });

  it('when no organisation has the role or the organisation no admin, then it says which', () => {
    const network = parseNetworkConfig(shipped());
    const venues = organisationWithRole(network, 'venues');
    const withoutMunicipality = {
      ...network,
      organisations: network.organisations.filter((o) => !o.roles.includes('municipality')),
    };

    expect(() => organisationWithRole(withoutMunicipality, 'municipality')).toThrow(
      'no organisation of the network has the role municipality',
    );
    expect(() =>
      adminClientOf({ ...venues, clients: venues.clients.filter((c) => c.role !== 'admin') }),
    ).toThrow(`${venues.name} has no admin client in the network description`);
  });
});
