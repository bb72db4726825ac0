import { X509Certificate } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { decodeEnvelope, envelopesOf } from './envelopes';

/** What block verification needs of a channel configuration: the CAs of the ordering organisations. */
export interface OrdererTrust {
  /** The MSP ids of the orderer organisations. */
  readonly mspIds: readonly string[];
  readonly roots: readonly X509Certificate[];
  readonly intermediates: readonly X509Certificate[];
}

function certificates(list: readonly Uint8Array[]): X509Certificate[] {
  return list.map((pem) => new X509Certificate(Buffer.from(pem)));
}

/**
 * The orderer organisations' MSP root and intermediate certificates from a config block: the channel group's
 * `Orderer` group, each organisation's `MSP` value (`msp.MSPConfig` holding a `FabricMSPConfig`).
 * @throws Error when the block holds no configuration with an Orderer group.
 */
export function ordererTrustOf(block: common.Block): OrdererTrust {
  const [first] = envelopesOf(block);
  if (first === undefined) {
    throw new Error('config block without an envelope');
  }
  const configEnvelope = common.ConfigEnvelope.deserializeBinary(
    decodeEnvelope(first).payload.getData_asU8(),
  );
  const orderer = configEnvelope.getConfig()?.getChannelGroup()?.getGroupsMap().get('Orderer');
  if (orderer === undefined) {
    throw new Error('channel configuration without an Orderer group');
  }
  const mspIds: string[] = [];
  const roots: X509Certificate[] = [];
  const intermediates: X509Certificate[] = [];
  orderer.getGroupsMap().forEach((group: common.ConfigGroup) => {
    const value = group.getValuesMap().get('MSP');
    if (value === undefined) {
      return;
    }
    const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
    const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
    mspIds.push(fabric.getName());
    roots.push(...certificates(fabric.getRootCertsList_asU8()));
    intermediates.push(...certificates(fabric.getIntermediateCertsList_asU8()));
  });
  return { mspIds, roots, intermediates };
}
