import { common } from '@hyperledger/fabric-protos';
import { ChainCheck } from '../../src/verify/chain-check';
import { addOrdererOrganisation, genesisConfig, updatedConfig } from './config-world';
import { blockAt, must, realBlocks } from './fixtures';
import { mintCa, resignedBy } from './minted';

/** A block carrying a configuration envelope, numbered `number`, with an empty metadata list to sign into. */
function configBlock(number: number, configEnvelope: common.ConfigEnvelope): common.Block {
  const genesis = common.Envelope.deserializeBinary(must(must(blockAt(0).getData()).getDataList_asU8()[0]));
  const payload = common.Payload.deserializeBinary(genesis.getPayload_asU8());
  payload.setData(configEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  const data = new common.BlockData();
  data.setDataList([envelope.serializeBinary()]);
  const header = new common.BlockHeader();
  header.setNumber(number);
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList([
    new Uint8Array(),
    new Uint8Array(),
    new Uint8Array(),
    new Uint8Array(),
    new Uint8Array(),
  ]);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

/** The problems of the chain checked with `inserted` after block 5, as [block, code] pairs of the given codes. */
function problemsWith(inserted: common.Block, after: common.Block[] = []): [number, string][] {
  const check = new ChainCheck();
  for (const block of [...realBlocks().slice(0, 6), inserted, ...after]) {
    check.add(block);
  }
  return check.summary.problems
    .filter((p) => p.code === 'BLOCK_NOT_SIGNED' || p.code === 'CONFIG_NOT_AUTHORISED')
    .map((p) => [p.block, p.code]);
}

describe('the channel configuration in force', () => {
  test('when a partner’s forged config block adds its own CA as an orderer organisation and its orderer signs, then neither the block nor the blocks that orderer signs after it count', () => {
    const ca = mintCa();
    const orderer = ca.issue('orderer');
    const forged = updatedConfig(genesisConfig(), addOrdererOrganisation('IntruderMSP', ca), [
      { mspId: 'IntruderMSP', identity: ca.issue('admin') },
    ]);
    const config = resignedBy(configBlock(6, forged), 'IntruderMSP', orderer);
    const next = resignedBy(must(realBlocks()[6]), 'IntruderMSP', orderer);
    next.getHeader()?.setNumber(7);

    expect(problemsWith(config, [next])).toEqual([
      [6, 'BLOCK_NOT_SIGNED'],
      [6, 'CONFIG_NOT_AUTHORISED'],
      [7, 'BLOCK_NOT_SIGNED'],
    ]);
  });

  test('when a config block carries no signed update, then it is refused and the blocks after it verify under the configuration before', () => {
    const unsigned = new common.ConfigEnvelope();
    const config = genesisConfig();
    config.setSequence(1);
    unsigned.setConfig(config);

    expect(problemsWith(configBlock(6, unsigned), realBlocks().slice(6, 9))).toEqual([
      [6, 'BLOCK_NOT_SIGNED'],
      [6, 'CONFIG_NOT_AUTHORISED'],
    ]);
  });
});
