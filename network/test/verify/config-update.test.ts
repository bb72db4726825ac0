import { common } from '@hyperledger/fabric-protos';
import { checkConfigUpdate } from '../../src/verify/config-update';
import {
  addOrdererOrganisation,
  configWithOwnCas,
  groupIn,
  updatedConfig,
  type UpdateSigner,
} from './config-world';
import { must } from './fixtures';
import { mintCa } from './minted';

const { config: previous, cas } = configWithOwnCas();
const intruderCa = mintCa();
const addIntruder = addOrdererOrganisation('IntruderMSP', intruderCa);

function signer(mspId: string, role: string): UpdateSigner {
  return { mspId, identity: must(cas.get(mspId)).issue(role) };
}

/** The intruder's addition, signed by admins of two of the three orderer organisations: a majority. */
function addedByMajority(): common.ConfigEnvelope {
  return updatedConfig(previous, addIntruder, [signer('GemeenteMSP', 'admin'), signer('SVBMSP', 'admin')]);
}

function problemsOf(envelope: common.ConfigEnvelope): string[] {
  return checkConfigUpdate(previous, envelope).map((p) => `${p.element}: ${p.message}`);
}

describe('a configuration update is checked against the configuration before it', () => {
  test('when a majority of the orderer organisations’ admins signed the update, then it stands', () => {
    const signed = addedByMajority();

    expect(problemsOf(signed)).toEqual([]);
  });

  test('when one organisation’s admin alone adds an orderer organisation, then the change is named as lacking the majority', () => {
    const signed = updatedConfig(previous, addIntruder, [signer('VenuesMSP', 'admin')]);

    expect(problemsOf(signed)).toEqual([
      'group /Channel/Orderer: changed without /Channel/Orderer/Admins of the configuration before (signed by VenuesMSP)',
    ]);
  });

  test('when the organisation being added signs for itself besides one admin, then its signature does not count', () => {
    const signed = updatedConfig(previous, addIntruder, [
      signer('VenuesMSP', 'admin'),
      { mspId: 'IntruderMSP', identity: intruderCa.issue('admin') },
    ]);

    expect(problemsOf(signed)).toEqual([
      expect.stringMatching(/^group \/Channel\/Orderer: changed without \/Channel\/Orderer\/Admins/),
    ]);
  });

  test('when clients and peers of the organisations sign, then they are not admins', () => {
    const signed = updatedConfig(previous, addIntruder, [
      signer('GemeenteMSP', 'client'),
      signer('SVBMSP', 'peer'),
      signer('VenuesMSP', 'orderer'),
    ]);

    expect(problemsOf(signed)).toEqual([
      expect.stringMatching(/^group \/Channel\/Orderer: changed without \/Channel\/Orderer\/Admins/),
    ]);
  });

  test('when the block’s configuration differs from what the admins signed, then the difference is named', () => {
    const signed = addedByMajority();
    const batch = must(groupIn(must(signed.getConfig()), 'Orderer').getValuesMap().get('BatchSize'));
    batch.setValue(Buffer.from([...batch.getValue_asU8(), 0x08, 0x01]));

    expect(problemsOf(signed)).toEqual([
      'value /Channel/Orderer/BatchSize: changed, but not as the signed update writes it',
    ]);
  });

  test('when a signature is over other bytes, then it does not verify and does not count', () => {
    const signed = addedByMajority();
    const lastUpdate = must(signed.getLastUpdate());
    const payload = common.Payload.deserializeBinary(lastUpdate.getPayload_asU8());
    const envelope = common.ConfigUpdateEnvelope.deserializeBinary(payload.getData_asU8());
    const second = must(envelope.getSignaturesList()[1]);
    second.setSignature(must(envelope.getSignaturesList()[0]).getSignature_asU8());
    payload.setData(envelope.serializeBinary());
    lastUpdate.setPayload(payload.serializeBinary());

    expect(problemsOf(signed)).toEqual([
      expect.stringMatching(/^signatures: SVBMSP .*: the signature does not verify$/),
      expect.stringMatching(/^group \/Channel\/Orderer: changed without \/Channel\/Orderer\/Admins/),
    ]);
  });

  test('when the sequence does not follow the configuration before, then the block is refused', () => {
    const signed = addedByMajority();
    must(signed.getConfig()).setSequence(previous.getSequence() + 2);

    expect(problemsOf(signed)).toEqual([
      `config: sequence ${String(previous.getSequence() + 2)} does not follow ${String(previous.getSequence())}`,
    ]);
  });
});
