import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetworkConfig, type NetworkConfig } from '../src/config';

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
