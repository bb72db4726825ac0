import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { common, msp } from '@hyperledger/fabric-protos';
import { ChainCheck } from '../../src/verify/chain-check';
import { blockAt, must, realBlocks } from './fixtures';

/** A config block carrying the genesis configuration, its orderer organisations' root CAs replaced if asked. */
function configBlock(rootCertPem?: Buffer): common.Block {
  const envelope = common.Envelope.deserializeBinary(must(must(blockAt(0).getData()).getDataList_asU8()[0]));
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
  const orderer = must(must(config.getConfig()).getChannelGroup()).getGroupsMap().get('Orderer');
  must(orderer)
    .getGroupsMap()
    .forEach((group: common.ConfigGroup) => {
      const value = must(group.getValuesMap().get('MSP'));
      const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
      const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
      if (rootCertPem !== undefined) {
        fabric.setRootCertsList([rootCertPem]);
      }
      mspConfig.setConfig(fabric.serializeBinary());
      value.setValue(mspConfig.serializeBinary());
    });
  payload.setData(config.serializeBinary());
  envelope.setPayload(payload.serializeBinary());
  const data = new common.BlockData();
  data.setDataList([envelope.serializeBinary()]);
  const block = new common.Block();
  block.setHeader(new common.BlockHeader());
  block.setData(data);
  return block;
}

/** The positions of the blocks named as not signed when a config block is put after block 5. */
function unsignedAfterConfig(config: common.Block): number[] {
  const blocks = realBlocks();
  const check = new ChainCheck();
  for (const block of [...blocks.slice(0, 6), config, ...blocks.slice(6, 9)]) {
    check.add(block);
  }
  return check.summary.problems.filter((p) => p.code === 'BLOCK_NOT_SIGNED').map((p) => p.block);
}

describe('the channel configuration in force for the orderer signatures', () => {
  test('when a config block keeps the orderer CAs, then the blocks after it still verify', () => {
    // The inserted config block itself carries no orderer signature.
    expect(unsignedAfterConfig(configBlock())).toEqual([6]);
  });

  test('when a config block replaces the orderer CAs, then blocks signed under the old ones are named', () => {
    const stranger = readFileSync(join(__dirname, '..', 'fixtures', 'stranger-ca.pem'));

    expect(unsignedAfterConfig(configBlock(stranger))).toEqual([6, 7, 8, 9]);
  });
});
