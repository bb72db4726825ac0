import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetworkConfig, type NetworkConfig } from '../src/description/config';
import { channelConfig } from '../src/channel/configtx';
import { OrgPaths } from '../src/description/paths';

function network(extraOrgs = 0): NetworkConfig {
  const raw = JSON.parse(readFileSync(join(__dirname, '..', 'network.json'), 'utf8')) as NetworkConfig;
  for (let i = 0; i < extraOrgs; i += 1) {
    const base = 20_000 + i * 100;
    raw.organisations.push({
      name: `partner${i}`,
      mspId: `Partner${i}MSP`,
      displayName: `Partner ${i}`,
      roles: ['venues'],
      host: '127.0.0.1',
      ports: {
        ca: base,
        caOperations: base + 1,
        orderer: base + 2,
        ordererAdmin: base + 3,
        ordererOperations: base + 4,
        peer: base + 5,
        peerChaincode: base + 6,
        peerOperations: base + 7,
        gateway: base + 8,
        chaincode: base + 9,
      },
      clients: [],
    });
  }
  return parseNetworkConfig(raw);
}

describe('the channel configuration', () => {
  const paths = new OrgPaths('/state/gemeente');

  test('when generated, then endorsement and lifecycle approval need a majority of organisations', () => {
    const app = channelConfig(network(), paths).Profiles.StadspasChannel.Application;

    expect(app.Policies.Endorsement).toEqual({ Type: 'ImplicitMeta', Rule: 'MAJORITY Endorsement' });
    expect(app.Policies.LifecycleEndorsement).toEqual({ Type: 'ImplicitMeta', Rule: 'MAJORITY Endorsement' });
    expect(app.Organizations.map((o) => o.Policies.Endorsement.Rule)).toEqual([
      "OR('GemeenteMSP.peer')",
      "OR('SVBMSP.peer')",
      "OR('VenuesMSP.peer')",
    ]);
  });

  test('when generated, then only orderer nodes sign valid blocks, of every organisation and of one that joins later', () => {
    const orderer = channelConfig(network(1), paths).Profiles.StadspasChannel.Orderer;

    expect(orderer.Policies.BlockValidation).toEqual({ Type: 'ImplicitMeta', Rule: 'ANY Orderer' });
    expect(orderer.Organizations.map((o) => o.Policies.Orderer)).toEqual(
      ['GemeenteMSP', 'SVBMSP', 'VenuesMSP', 'Partner0MSP'].map((id) => ({
        Type: 'Signature',
        Rule: `OR('${id}.orderer')`,
      })),
    );
  });

  test('when a fourth organisation is described, then it joins the application group and the Raft cluster', () => {
    const profile = channelConfig(network(1), paths).Profiles.StadspasChannel;

    expect(profile.Application.Organizations.map((o) => o.ID)).toContain('Partner0MSP');
    expect(profile.Orderer.EtcdRaft.Consenters).toHaveLength(4);
    expect(profile.Orderer.EtcdRaft.Consenters[3]).toMatchObject({ Host: '127.0.0.1', Port: 20_002 });
  });

  test('when generated, then every organisation has an anchor peer and an orderer endpoint', () => {
    const orgs = channelConfig(network(), paths).Profiles.StadspasChannel.Application.Organizations;

    expect(orgs.map((o) => o.AnchorPeers[0])).toEqual([
      { Host: '127.0.0.1', Port: 7051 },
      { Host: '127.0.0.1', Port: 8051 },
      { Host: '127.0.0.1', Port: 9051 },
    ]);
    expect(orgs.map((o) => o.OrdererEndpoints[0])).toEqual([
      '127.0.0.1:7050',
      '127.0.0.1:8050',
      '127.0.0.1:9050',
    ]);
  });

  test("when generated on a node, then every organisation's MSP and consenter come from its public definition there", () => {
    const profile = channelConfig(network(), paths).Profiles.StadspasChannel;

    expect(profile.Application.Organizations.map((o) => o.MSPDir)).toEqual([
      '/state/gemeente/public/gemeente/msp',
      '/state/gemeente/public/svb/msp',
      '/state/gemeente/public/venues/msp',
    ]);
    expect(profile.Orderer.EtcdRaft.Consenters[1]).toMatchObject({
      ClientTLSCert: '/state/gemeente/public/svb/orderer-tls.pem',
      ServerTLSCert: '/state/gemeente/public/svb/orderer-tls.pem',
    });
  });
});

test("when generated, then followers elect a new Raft leader after 2.5 s without the leader's heartbeat", () => {
  const options = channelConfig(network(), new OrgPaths('/state/gemeente')).Profiles.StadspasChannel.Orderer
    .EtcdRaft.Options;

  expect(options).toMatchObject({ TickInterval: '250ms', ElectionTick: 10, HeartbeatTick: 1 });
});
