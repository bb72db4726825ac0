import type { ChannelGroup, Json } from '../src/channel/config-translator';
import { carryRevocations } from '../src/channel/msp-revocations';
import { join } from 'node:path';
import { loadNetworkConfig } from '../src/description/config';

const gemeente = loadNetworkConfig(join(__dirname, '..', 'network.json')).organisations.find(
  (org) => org.name === 'gemeente',
);
const crl = '-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n';

/** A channel configuration of two members, as configtxlator gives it, with the MSP values only. */
function channel(): { channel_group: ChannelGroup } {
  const msp = (name: string): Json => ({ values: { MSP: { value: { config: { name } } } } });
  return {
    channel_group: {
      groups: {
        Application: { groups: { GemeenteMSP: msp('GemeenteMSP'), SVBMSP: msp('SVBMSP') } },
        Orderer: { groups: { GemeenteMSP: msp('GemeenteMSP'), SVBMSP: msp('SVBMSP') }, values: {} },
      },
    },
  };
}

describe('carrying an organisation’s revocation list in a configuration update', () => {
  if (gemeente === undefined) {
    throw new Error('the network description names no gemeente');
  }

  it('when the channel lacks the list, then both of its own MSP values get it and no other organisation’s', () => {
    const config = channel();

    expect(carryRevocations(config, gemeente, crl)).toBe(true);

    const listOf = (group: 'Application' | 'Orderer', mspId: string): unknown => {
      const msp = config.channel_group.groups[group].groups[mspId] as {
        values: { MSP: { value: { config: { revocation_list?: string[] } } } };
      };
      return msp.values.MSP.value.config.revocation_list;
    };
    expect(listOf('Application', 'GemeenteMSP')).toEqual([Buffer.from(crl).toString('base64')]);
    expect(listOf('Orderer', 'GemeenteMSP')).toEqual([Buffer.from(crl).toString('base64')]);
    expect(listOf('Application', 'SVBMSP')).toBeUndefined();
  });

  it('when the channel holds the list already, then nothing changes', () => {
    const config = channel();
    carryRevocations(config, gemeente, crl);
    const before = JSON.stringify(config);

    expect(carryRevocations(config, gemeente, crl)).toBe(false);
    expect(JSON.stringify(config)).toBe(before);
  });

  it('when the organisation is no member, then it is refused', () => {
    const config = channel();
    delete config.channel_group.groups.Application.groups.GemeenteMSP;
    delete config.channel_group.groups.Orderer.groups.GemeenteMSP;

    expect(() => carryRevocations(config, gemeente, crl)).toThrow(/GemeenteMSP is not a member/);
  });
});
