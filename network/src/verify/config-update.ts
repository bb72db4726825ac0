import { common } from '@hyperledger/fabric-protos';
import { mspsOf } from './channel-config';
import { policySatisfied, type VerifiedSigner } from './config-policies';
import { signedByCert, signerOf } from './msp-directory';

/** One element of a configuration tree: a group, value or policy, at its path of group names. */
interface Element {
  readonly kind: 'group' | 'value' | 'policy';
  /** The names of the groups above it, from the channel group down (the channel group's own path is []). */
  readonly parent: readonly string[];
  readonly name: string;
  readonly version: number;
  readonly modPolicy: string;
  /** What must match between two versions: the serialised element, or for a group its children's names. */
  readonly content: string;
}

function pathName(element: Pick<Element, 'kind' | 'parent' | 'name'>): string {
  const names = element.name === '' ? element.parent : [...element.parent, element.name];
  return `${element.kind} /${['Channel', ...names].join('/')}`;
}

function sortedKeys(map: { forEach(f: (value: unknown, key: string) => void): void }): string[] {
  const keys: string[] = [];
  map.forEach((_value, key) => keys.push(key));
  return keys.sort();
}

function childrenOf(group: common.ConfigGroup): string {
  return JSON.stringify({
    groups: sortedKeys(group.getGroupsMap()),
    values: sortedKeys(group.getValuesMap()),
    policies: sortedKeys(group.getPoliciesMap()),
  });
}

/**
 * Every element of a group at a path below the channel group (`[]` for the channel group), itself included,
 * keyed by {@link pathName}.
 */
function elementsOf(
  group: common.ConfigGroup,
  path: readonly string[],
  into = new Map<string, Element>(),
): Map<string, Element> {
  const add = (element: Element): void => {
    into.set(pathName(element), element);
  };
  add({
    kind: 'group',
    parent: path.slice(0, -1),
    name: path[path.length - 1] ?? '',
    version: group.getVersion(),
    modPolicy: group.getModPolicy(),
    content: childrenOf(group),
  });
  group.getValuesMap().forEach((value: common.ConfigValue, key: string) => {
    add({
      kind: 'value',
      parent: path,
      name: key,
      version: value.getVersion(),
      modPolicy: value.getModPolicy(),
      content: Buffer.from(value.getValue_asU8()).toString('base64'),
    });
  });
  group.getPoliciesMap().forEach((policy: common.ConfigPolicy, key: string) => {
    add({
      kind: 'policy',
      parent: path,
      name: key,
      version: policy.getVersion(),
      modPolicy: policy.getModPolicy(),
      content: Buffer.from(policy.getPolicy()?.serializeBinary() ?? []).toString('base64'),
    });
  });
  group.getGroupsMap().forEach((child: common.ConfigGroup, key: string) => {
    elementsOf(child, [...path, key], into);
  });
  return into;
}

/** A configuration's elements; the channel group itself is `group /Channel`. */
function configElements(config: common.Config): Map<string, Element> {
  return elementsOf(config.getChannelGroup() ?? new common.ConfigGroup(), []);
}

/** A write set's elements, keyed like {@link configElements}. */
function writeSetElements(update: common.ConfigUpdate): Map<string, Element> {
  const config = new common.Config();
  config.setChannelGroup(update.getWriteSet() ?? new common.ConfigGroup());
  return configElements(config);
}

/**
 * The absolute path (below /Channel) of the policy that may change an element, as Fabric resolves a mod policy:
 * an absolute `/Channel/...` path as written; a relative name from the group itself for a group, else from the
 * group that holds the element.
 */
function modPolicyPath(element: Element): string[] {
  if (element.modPolicy.startsWith('/')) {
    return element.modPolicy.split('/').slice(2);
  }
  const base =
    element.kind === 'group' && element.name !== '' ? [...element.parent, element.name] : element.parent;
  return [...base, element.modPolicy];
}

/** A reason a configuration update does not stand, naming the element. */
export interface ConfigUpdateProblem {
  readonly element: string;
  readonly message: string;
}

/** The signers of a config update whose signatures verify over that update; the others are reported. */
function verifiedSigners(envelope: common.ConfigUpdateEnvelope): {
  signers: VerifiedSigner[];
  problems: ConfigUpdateProblem[];
} {
  const update = Buffer.from(envelope.getConfigUpdate_asU8());
  const signers: VerifiedSigner[] = [];
  const problems: ConfigUpdateProblem[] = [];
  for (const signature of envelope.getSignaturesList()) {
    const header = signature.getSignatureHeader_asU8();
    try {
      const signer = signerOf(header);
      if (signedByCert(signer.cert, Buffer.concat([header, update]), signature.getSignature_asU8())) {
        signers.push(signer);
      } else {
        problems.push({
          element: 'signatures',
          message: `${signer.mspId} ${signer.subject}: the signature does not verify`,
        });
      }
    } catch (error) {
      problems.push({ element: 'signatures', message: `a signature cannot be read: ${String(error)}` });
    }
  }
  return { signers, problems };
}

/** The update a config envelope says it applied. @throws Error when it cannot be decoded. */
function lastUpdateOf(next: common.ConfigEnvelope): common.ConfigUpdateEnvelope {
  const lastUpdate = next.getLastUpdate();
  if (lastUpdate === undefined) {
    throw new Error('the configuration names no update');
  }
  return common.ConfigUpdateEnvelope.deserializeBinary(
    common.Payload.deserializeBinary(lastUpdate.getPayload_asU8()).getData_asU8(),
  );
}

/** The parts of a config block's envelope that are checked, or why they cannot be. */
type ReadUpdate =
  | {
      readonly config: common.Config;
      readonly envelope: common.ConfigUpdateEnvelope;
      readonly update: common.ConfigUpdate;
    }
  | { readonly problem: ConfigUpdateProblem };

function readUpdate(previous: common.Config, next: common.ConfigEnvelope): ReadUpdate {
  const config = next.getConfig();
  if (config === undefined) {
    return { problem: { element: 'config', message: 'the block holds no configuration' } };
  }
  if (config.getSequence() !== previous.getSequence() + 1) {
    const message = `sequence ${config.getSequence()} does not follow ${previous.getSequence()}`;
    return { problem: { element: 'config', message } };
  }
  try {
    const envelope = lastUpdateOf(next);
    return {
      config,
      envelope,
      update: common.ConfigUpdate.deserializeBinary(envelope.getConfigUpdate_asU8()),
    };
  } catch (error) {
    return { problem: { element: 'config', message: `the signed update cannot be read: ${String(error)}` } };
  }
}

/** Whether an element differs from its previous version (or is new). */
function changedSince(element: Element, old: Element | undefined): boolean {
  return (
    old === undefined ||
    old.version !== element.version ||
    old.content !== element.content ||
    old.modPolicy !== element.modPolicy
  );
}

/** Whether the signed update's write set holds an element as the new configuration has it. */
function writtenAsIs(element: Element, written: Element | undefined): boolean {
  return (
    written !== undefined &&
    written.version === element.version &&
    (element.kind === 'group' || written.content === element.content)
  );
}

/**
 * Checks a new channel configuration against the one before it, as the orderers and peers should have: each
 * element it changes (or whose children it adds or removes) is in the signed update's write set as it stands,
 * the update's signatures verify, and they satisfy each changed element's modification policy of the previous
 * configuration, with the previous configuration's MSPs. A configuration cannot vouch for itself.
 * Never throws: what cannot be read is a problem.
 */
export function checkConfigUpdate(
  previous: common.Config,
  next: common.ConfigEnvelope,
): ConfigUpdateProblem[] {
  const read = readUpdate(previous, next);
  if ('problem' in read) {
    return [read.problem];
  }
  const before = configElements(previous);
  const written = writeSetElements(read.update);
  const { signers, problems } = verifiedSigners(read.envelope);
  const msps = mspsOf(previous);
  for (const [name, element] of configElements(read.config)) {
    const old = before.get(name);
    if (!changedSince(element, old)) {
      continue;
    }
    if (!writtenAsIs(element, written.get(name))) {
      problems.push({ element: name, message: 'changed, but not as the signed update writes it' });
      continue;
    }
    // A new element needs no policy of its own: its parent group's change is what needs one.
    const policy = old === undefined ? undefined : modPolicyPath(old);
    if (policy !== undefined && !policySatisfied(previous, policy, signers, msps)) {
      const by = signers.map((s) => s.mspId).join(', ') || 'nobody';
      problems.push({
        element: name,
        message: `changed without /Channel/${policy.join('/')} of the configuration before (signed by ${by})`,
      });
    }
  }
  return problems;
}
