import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSONSerializer } from 'fabric-contract-api';
import { contracts } from '../src';
import { TRANSACTIONS, type TransactionName } from '../src/vocabulary';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';

// fabric-shim builds from the decorators the metadata that a peer's
// `org.hyperledger.fabric:GetMetadata` returns: this is what clients see.
const golden: unknown = JSON.parse(readFileSync(join(__dirname, 'golden', 'contract-metadata.json'), 'utf8'));

function metadataOfContracts(): Record<string, string> {
  const chaincode = new ChaincodeFromContract(
    [...contracts],
    { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
    {},
    'stadspas',
    '0.1.0',
  );
  const lines: Record<string, string> = {};
  for (const [contractName, contract] of Object.entries(chaincode.metadata.contracts)) {
    if (contractName === 'org.hyperledger.fabric') {
      continue;
    }
    for (const tx of contract.transactions) {
      const params = tx.parameters.map((param) => `${param.name}: ${param.schema.type}`).join(', ');
      lines[`${contractName}:${tx.name}`] =
        `${tx.tag.includes('SUBMIT') ? 'submit' : 'evaluate'}(${params}) -> ${tx.returns?.type ?? 'void'}`;
    }
  }
  return lines;
}

describe('contract metadata', () => {
  it('when the contracts are introspected like a peer does, then transactions and parameters match the golden file', () => {
    expect(metadataOfContracts()).toEqual(golden);
  });

  it('when compared with the vocabulary, then every transaction exists with the same submit/evaluate kind', () => {
    const actual = metadataOfContracts();

    const fromVocabulary = Object.fromEntries(
      (Object.keys(TRANSACTIONS) as TransactionName[]).map((name) => [
        name,
        TRANSACTIONS[name].submit ? 'submit' : 'evaluate',
      ]),
    );
    const fromContracts = Object.fromEntries(
      Object.entries(actual).map(([name, line]) => [name, line.startsWith('submit') ? 'submit' : 'evaluate']),
    );
    expect(fromContracts).toEqual(fromVocabulary);
  });

  it('when compared with the vocabulary, then exactly the transactions that take a request argument have a request schema', () => {
    const takesRequest = Object.fromEntries(
      Object.entries(metadataOfContracts()).map(([name, line]) => [name, line.includes('(request: string)')]),
    );

    const hasSchema = Object.fromEntries(
      Object.entries(TRANSACTIONS).map(([name, { request }]) => [name, request !== undefined]),
    );
    expect(hasSchema).toEqual(takesRequest);
  });
});
