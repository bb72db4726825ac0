import { common, msp } from '@hyperledger/fabric-protos';
import { majorityOf } from '@stadspas/chaincode/vocabulary';
import type { MspDefinition } from './msp-directory';
import { issuedBy, playsRole, roleOfNumber, type Signer } from './msp-directory';

/** A signer whose signature over the signed bytes verified. */
export type VerifiedSigner = Signer;

/** A policy of a configuration, with the group it lives in (the children an implicit meta policy counts). */
interface Located {
  readonly policy: common.Policy;
  readonly group: common.ConfigGroup;
}

/** The group at a path below the channel group (`[]` is the channel group itself); undefined when missing. */
export function groupAt(config: common.Config, path: readonly string[]): common.ConfigGroup | undefined {
  let group = config.getChannelGroup();
  for (const name of path) {
    group = group?.getGroupsMap().get(name);
  }
  return group;
}

function locate(config: common.Config, path: readonly string[]): Located | undefined {
  const group = groupAt(config, path.slice(0, -1));
  const policy = group
    ?.getPoliciesMap()
    .get(path[path.length - 1] ?? '')
    ?.getPolicy();
  return group === undefined || policy === undefined ? undefined : { policy, group };
}

/** Whether one signer satisfies an MSP principal of a signature policy (roles only; others never match). */
function satisfies(
  signer: VerifiedSigner,
  principal: msp.MSPPrincipal,
  msps: ReadonlyMap<string, MspDefinition>,
): boolean {
  if (principal.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) {
    return false;
  }
  const role = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
  const definition = msps.get(role.getMspIdentifier());
  const name = roleOfNumber(role.getRole());
  return (
    definition !== undefined &&
    name !== undefined &&
    signer.mspId === definition.mspId &&
    issuedBy(signer.cert, definition) &&
    playsRole(signer.cert, definition, name)
  );
}

/**
 * Evaluates a signature policy's rule as Fabric does: each signer is used for at most one principal, taken
 * greedily in the rule's order.
 */
function ruleHolds(
  rule: common.SignaturePolicy,
  principals: readonly msp.MSPPrincipal[],
  signers: readonly VerifiedSigner[],
  used: boolean[],
  msps: ReadonlyMap<string, MspDefinition>,
): boolean {
  if (rule.hasSignedBy()) {
    const principal = principals[rule.getSignedBy()];
    const index = signers.findIndex(
      (signer, i) => used[i] !== true && principal !== undefined && satisfies(signer, principal, msps),
    );
    if (index < 0) {
      return false;
    }
    used[index] = true;
    return true;
  }
  const nOutOf = rule.getNOutOf();
  if (nOutOf === undefined) {
    return false;
  }
  let met = 0;
  for (const inner of nOutOf.getRulesList()) {
    const trial = [...used];
    if (ruleHolds(inner, principals, signers, trial, msps)) {
      trial.forEach((value, i) => (used[i] = value));
      met += 1;
    }
  }
  return met >= nOutOf.getN();
}

/**
 * Whether the signers satisfy the policy at an absolute path of a configuration (`['Orderer', 'Admins']` for
 * `/Channel/Orderer/Admins`), with the configuration's MSPs: signature policies by principal, implicit meta
 * policies by counting the same-named policy of each child group (ANY one, ALL, MAJORITY more than half).
 * A missing policy is not satisfied. Never throws on a policy it cannot read: that is not satisfied either.
 */
export function policySatisfied(
  config: common.Config,
  path: readonly string[],
  signers: readonly VerifiedSigner[],
  msps: ReadonlyMap<string, MspDefinition>,
): boolean {
  const located = locate(config, path);
  if (located === undefined) {
    return false;
  }
  const { policy, group } = located;
  try {
    if (policy.getType() === common.Policy.PolicyType.SIGNATURE) {
      const envelope = common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8());
      const rule = envelope.getRule();
      return rule !== undefined && ruleHolds(rule, envelope.getIdentitiesList(), signers, [], msps);
    }
    if (policy.getType() === common.Policy.PolicyType.IMPLICIT_META) {
      const meta = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
      const children: string[] = [];
      group.getGroupsMap().forEach((_child: common.ConfigGroup, name: string) => children.push(name));
      const met = children.filter((child) =>
        policySatisfied(config, [...path.slice(0, -1), child, meta.getSubPolicy()], signers, msps),
      ).length;
      const needed = {
        [common.ImplicitMetaPolicy.Rule.ANY]: 1,
        [common.ImplicitMetaPolicy.Rule.ALL]: children.length,
        [common.ImplicitMetaPolicy.Rule.MAJORITY]: majorityOf(children.length),
      }[meta.getRule()];
      return met >= needed;
    }
  } catch {
    return false;
  }
  return false;
}
