import { common } from '@hyperledger/fabric-protos';
import { decodeEnvelope, envelopesOf } from './envelopes';
import { mspDefinitionOf, type MspDefinition } from './msp-directory';

/** What block verification needs of a channel configuration: the MSPs of the ordering organisations. */
export type OrdererTrust = readonly MspDefinition[];

/**
 * The configuration envelope of a config block: the new configuration, and the signed update that made it.
 * @throws Error when the block holds no configuration.
 */
export function configEnvelopeOf(block: common.Block): common.ConfigEnvelope {
  const [first] = envelopesOf(block);
  if (first === undefined) {
    throw new Error('config block without an envelope');
  }
  return common.ConfigEnvelope.deserializeBinary(decodeEnvelope(first).payload.getData_asU8());
}

/**
 * The MSPs of every organisation a configuration names, by MSP id: the channel's members (Application group)
 * and its orderer organisations (Orderer group).
 * @throws Error when an organisation's MSP value cannot be read.
 */
export function mspsOf(config: common.Config): Map<string, MspDefinition> {
  const msps = new Map<string, MspDefinition>();
  for (const section of ['Application', 'Orderer']) {
    config
      .getChannelGroup()
      ?.getGroupsMap()
      .get(section)
      ?.getGroupsMap()
      .forEach((group: common.ConfigGroup) => {
        const value = group.getValuesMap().get('MSP');
        if (value !== undefined) {
          const definition = mspDefinitionOf(value);
          msps.set(definition.mspId, definition);
        }
      });
  }
  return msps;
}

/** The MSP ids of the channel's members: the organisations of the configuration's Application group. */
export function membersOf(config: common.Config): string[] {
  const members: string[] = [];
  config
    .getChannelGroup()
    ?.getGroupsMap()
    .get('Application')
    ?.getGroupsMap()
    .forEach((group: common.ConfigGroup) => {
      const value = group.getValuesMap().get('MSP');
      if (value !== undefined) {
        members.push(mspDefinitionOf(value).mspId);
      }
    });
  return members.sort();
}

/**
 * The orderer organisations' MSPs of a configuration: the channel group's `Orderer` group, each organisation's
 * `MSP` value.
 * @throws Error when the configuration has no Orderer group or an MSP cannot be read.
 */
export function ordererTrustOf(config: common.Config): OrdererTrust {
  const orderer = config.getChannelGroup()?.getGroupsMap().get('Orderer');
  if (orderer === undefined) {
    throw new Error('channel configuration without an Orderer group');
  }
  const trust: MspDefinition[] = [];
  orderer.getGroupsMap().forEach((group: common.ConfigGroup) => {
    const value = group.getValuesMap().get('MSP');
    if (value !== undefined) {
      trust.push(mspDefinitionOf(value));
    }
  });
  return trust;
}
