import { changesOf, type ConfigUpdateJson } from '../src/channel/update-changes';

const consensus = (ports: number[], version: string): object => ({
  version,
  value: { metadata: { consenters: ports.map((port) => ({ host: '127.0.0.1', port })) } },
});

/** An update adding Partner0MSP, as a member's node makes it: read at the current versions, written one up. */
const addition: ConfigUpdateJson = {
  read_set: {
    groups: {
      Application: { version: '1', groups: { GemeenteMSP: { version: '0' } } },
      Orderer: {
        version: '1',
        values: { ConsensusType: { version: '1' } },
        policies: { BlockValidation: { version: '0' } },
      },
    },
  },
  write_set: {
    groups: {
      Application: {
        version: '2',
        groups: {
          GemeenteMSP: { version: '0' },
          Partner0MSP: {
            values: { MSP: { value: { config: { name: 'Partner0MSP' } } } },
            policies: { Orderer: { policy: { type: 1, value: {} } } },
          },
        },
      },
      Orderer: {
        version: '1',
        values: { ConsensusType: consensus([7050, 8050, 9050, 20002], '2') },
        policies: {
          BlockValidation: {
            version: '1',
            policy: { type: 3, value: { rule: 'ANY', sub_policy: 'Writers' } },
          },
        },
      },
    },
  },
};

describe('what a channel configuration update changes', () => {
  test('when an update adds an organisation and a consenter and weakens a policy, then each is a line to read before signing', () => {
    expect(changesOf(addition)).toEqual([
      'changes the members or policies of group /Application',
      'adds group /Application/Partner0MSP',
      'adds value /Application/Partner0MSP/MSP (MSP Partner0MSP)',
      'adds policy /Application/Partner0MSP/Orderer (a signature policy)',
      'changes value /Orderer/ConsensusType (Raft consenters: 127.0.0.1:7050, 127.0.0.1:8050, 127.0.0.1:9050, 127.0.0.1:20002)',
      'changes policy /Orderer/BlockValidation (ANY Writers)',
    ]);
  });

  test('when an update writes only what the channel holds already, then it changes nothing', () => {
    expect(changesOf({ read_set: addition.read_set, write_set: addition.read_set })).toEqual([]);
  });
});
