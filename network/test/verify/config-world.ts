import { common, msp } from '@hyperledger/fabric-protos';
import { configEnvelopeOf } from '../../src/verify/channel-config';
import { blockAt, must } from './fixtures';
import { mintCa, signatureHeaderOf, signedBy, type MintedCa, type MintedIdentity } from './minted';

/** The genesis configuration of the real network, a fresh copy. */
export function genesisConfig(): common.Config {
  return must(configEnvelopeOf(blockAt(0)).getConfig());
}

/** A copy of a configuration. */
export function copyOf(config: common.Config): common.Config {
  return common.Config.deserializeBinary(config.serializeBinary());
}

/** The group at a path below the channel group, or a failed test. */
export function groupIn(config: common.Config, ...path: string[]): common.ConfigGroup {
  let group = must(config.getChannelGroup());
  for (const name of path) {
    group = must(group.getGroupsMap().get(name));
  }
  return group;
}

/** Replaces an `MSP` value's name and CA by those given. */
export function setMsp(value: common.ConfigValue, mspId: string, ca: MintedCa): void {
  const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
  const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
  fabric.setName(mspId);
  fabric.setRootCertsList([ca.rootPem]);
  fabric.setIntermediateCertsList([]);
  mspConfig.setConfig(fabric.serializeBinary());
  value.setValue(mspConfig.serializeBinary());
}

/** The real genesis configuration with every organisation's MSP on a CA of the test's own, and those CAs. */
export function configWithOwnCas(): { config: common.Config; cas: Map<string, MintedCa> } {
  const config = genesisConfig();
  const cas = new Map<string, MintedCa>();
  for (const section of ['Application', 'Orderer']) {
    groupIn(config, section)
      .getGroupsMap()
      .forEach((group: common.ConfigGroup, mspId: string) => {
        const ca = cas.get(mspId) ?? mintCa();
        cas.set(mspId, ca);
        setMsp(must(group.getValuesMap().get('MSP')), mspId, ca);
      });
  }
  return { config, cas };
}

/** A signer of a config update: its MSP id and identity. */
export interface UpdateSigner {
  readonly mspId: string;
  readonly identity: MintedIdentity;
}

/**
 * The configuration envelope a config block would carry after `edit`: the next configuration (sequence one up)
 * and, as its last update, a config update whose write set is that whole configuration, signed by `signers`.
 */
export function updatedConfig(
  previous: common.Config,
  edit: (next: common.Config) => void,
  signers: readonly UpdateSigner[],
): common.ConfigEnvelope {
  const next = copyOf(previous);
  edit(next);
  next.setSequence(previous.getSequence() + 1);
  const update = new common.ConfigUpdate();
  update.setChannelId('stadspas');
  update.setWriteSet(copyOf(next).getChannelGroup());
  const updateBytes = update.serializeBinary();
  const envelope = new common.ConfigUpdateEnvelope();
  envelope.setConfigUpdate(updateBytes);
  envelope.setSignaturesList(
    signers.map(({ mspId, identity }) => {
      const header = signatureHeaderOf(mspId, identity);
      const signature = new common.ConfigSignature();
      signature.setSignatureHeader(header);
      signature.setSignature(signedBy(identity, Buffer.concat([header, updateBytes])));
      return signature;
    }),
  );
  const payload = new common.Payload();
  payload.setData(envelope.serializeBinary());
  const lastUpdate = new common.Envelope();
  lastUpdate.setPayload(payload.serializeBinary());
  const configEnvelope = new common.ConfigEnvelope();
  configEnvelope.setConfig(next);
  configEnvelope.setLastUpdate(lastUpdate);
  return configEnvelope;
}

/** An edit that adds an orderer organisation under `mspId` whose MSP is `ca`, as a partner would add itself. */
export function addOrdererOrganisation(mspId: string, ca: MintedCa): (next: common.Config) => void {
  return (next) => {
    const orderer = groupIn(next, 'Orderer');
    const model = must(orderer.getGroupsMap().get('GemeenteMSP'));
    const added = common.ConfigGroup.deserializeBinary(model.serializeBinary());
    setMsp(must(added.getValuesMap().get('MSP')), mspId, ca);
    orderer.getGroupsMap().set(mspId, added);
    orderer.setVersion(orderer.getVersion() + 1);
  };
}
