import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  isMunicipality,
  personalDataCollection,
  type NetworkConfig,
  type Organisation,
} from '../description/config';
import type { StatePaths } from '../description/paths';
import { majorityOf } from '@stadspas/chaincode/vocabulary';

// The chaincode definition the organisations approve and commit: its endorsement policy, its private data
// collections, and the version and sequence that name them.

/** What the channel says of the committed chaincode definition. */
export interface CommittedDefinition {
  readonly sequence: number;
  readonly version: string;
}

/** The private data collection config of one municipality's holders, as the peer CLI takes it. */
export interface CollectionConfig {
  readonly name: string;
  readonly policy: string;
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  readonly blockToLive: number;
  readonly memberOnlyRead: boolean;
  readonly memberOnlyWrite: boolean;
  readonly endorsementPolicy: { readonly signaturePolicy: string };
}

/**
 * The private data collections of the chaincode definition: one per municipality of the network description,
 * held and written by that municipality's peers only. A municipality that joins adds its own with the next
 * sequence. Reads are judged by the chaincode, not by membership alone: a venue the municipality allowed to book
 * by number asks the municipality's peer which pass a card number names, and every other private read checks
 * that the caller is the pass's municipality.
 */
export function collectionsOf(network: NetworkConfig): CollectionConfig[] {
  return network.organisations
    .filter(isMunicipality)
    .map((org) => ({
      name: personalDataCollection(org),
      policy: `OR('${org.mspId}.member')`,
      requiredPeerCount: 0,
      maxPeerCount: 0,
      blockToLive: 0,
      memberOnlyRead: false,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: `OR('${org.mspId}.peer')` },
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The chaincode's endorsement policy: peers of a majority of the organisations of the network description.
 *
 * It is written out as a signature policy rather than left to the channel's implicit `MAJORITY Endorsement`:
 * when a peer validates a transaction against the implicit policy, it checks the endorsements' signatures once
 * for every organisation's sub-policy (six ECDSA verifications for two endorsements among three organisations),
 * and a signature policy checks each signature once. The majority is the same; an organisation that joins
 * changes it, so, like the collections, it comes with the definition of the next sequence.
 */
export function endorsementPolicyOf(network: NetworkConfig): string {
  const peers = network.organisations.map((org) => `'${org.mspId}.peer'`).sort();
  return `OutOf(${majorityOf(peers.length)}, ${peers.join(', ')})`;
}

/** What an organisation approves or commits for a label: the same for every organisation. */
export interface Target {
  /** The definition's version: the package label and a digest of the endorsement policy and collections. */
  readonly version: string;
  readonly endorsementPolicy: string;
  /** The collections file the peer CLI reads, in the organisation's own node folder. */
  readonly collectionsFile: string;
}

/** The chaincode definition an organisation approves or commits. */
export interface Definition extends Target {
  readonly sequence: number;
}

/** The definition of the network description for a label; writes its collections into the organisation's node folder. */
export function targetOf(
  paths: StatePaths,
  network: NetworkConfig,
  org: Organisation,
  label: string,
): Target {
  const collections = `${JSON.stringify(collectionsOf(network), null, 2)}\n`;
  const collectionsFile = join(paths.org(org).chaincode, 'collections.json');
  mkdirSync(dirname(collectionsFile), { recursive: true });
  writeFileSync(collectionsFile, collections);
  const endorsementPolicy = endorsementPolicyOf(network);
  const digest = createHash('sha256')
    .update(`${endorsementPolicy}\n${collections}`)
    .digest('hex')
    .slice(0, 8);
  return { version: `${label}.${digest}`, endorsementPolicy, collectionsFile };
}

/**
 * The definition that deploys this target: nothing when the channel runs it already, else the next sequence.
 */
export function pendingDefinition(
  committed: CommittedDefinition | undefined,
  target: Target,
): Definition | undefined {
  return committed?.version === target.version
    ? undefined
    : { ...target, sequence: (committed?.sequence ?? 0) + 1 };
}

export function definitionArgs(network: NetworkConfig, definition: Definition): string[] {
  return [
    '-C',
    network.channel,
    '-n',
    network.chaincode.name,
    '-v',
    definition.version,
    '--sequence',
    String(definition.sequence),
    '--signature-policy',
    definition.endorsementPolicy,
    '--collections-config',
    definition.collectionsFile,
  ];
}
