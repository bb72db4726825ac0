import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { majorityOf } from '@stadspas/chaincode/vocabulary';
import type { Organisation } from '../description/config';
import { createGenesisBlock } from './configtx';
import { changesOf, type ConfigUpdateJson } from './update-changes';
import type { NetworkContext } from '../description/context';
import { run, type FabricInstall } from '../description/fabric';
import { peerAdminEnv } from './nodes';
import { configOf, ordererArgs, withTranslator, type ChannelGroup, type Json } from './config-translator';
import { carryRevocations } from './msp-revocations';
import { OrgCa } from '../identities/ca';

export { fetchConfigBlock } from './config-translator';

/** A channel configuration update envelope as configtxlator decodes it: its read set and its signatures. */
interface UpdateEnvelope {
  readonly payload: {
    readonly data: {
      readonly config_update: ConfigUpdateJson;
      readonly signatures?: readonly {
        readonly signature_header: { readonly creator: { readonly mspid: string } };
      }[];
    };
  };
}

function signersIn(envelope: UpdateEnvelope): string[] {
  return [
    ...new Set((envelope.payload.data.signatures ?? []).map((s) => s.signature_header.creator.mspid)),
  ].sort();
}

function consentersOf(group: ChannelGroup): { host: string; port: number }[] {
  const consensus = group.groups.Orderer.values.ConsensusType as {
    value: { metadata: { consenters: Json[] } };
  };
  return consensus.value.metadata.consenters as unknown as { host: string; port: number }[];
}

/** A group, value or policy of a channel configuration as configtxlator writes it: its version and children. */
interface ConfigElement {
  readonly version?: string;
  readonly groups?: Readonly<Record<string, ConfigElement>>;
  readonly values?: Readonly<Record<string, ConfigElement>>;
  readonly policies?: Readonly<Record<string, ConfigElement>>;
}

/**
 * The path of the first element an update read at a version the channel's configuration no longer has: an
 * update made from an older configuration, which the orderer would refuse.
 */
function staleElement(
  read: ConfigElement,
  current: ConfigElement | undefined,
  path: string,
): string | undefined {
  if (current === undefined || Number(read.version ?? 0) !== Number(current.version ?? 0)) {
    return path;
  }
  for (const kind of ['groups', 'values', 'policies'] as const) {
    for (const [key, child] of Object.entries(read[kind] ?? {})) {
      const stale = staleElement(child, current[kind]?.[key], `${path}/${key}`);
      if (stale !== undefined) {
        return stale;
      }
    }
  }
  return undefined;
}

/** The members of the channel as its current configuration names them: their MSP ids. */
export function membersOf(config: { channel_group: ChannelGroup }): string[] {
  return Object.keys(config.channel_group.groups.Application.groups).sort();
}

/**
 * Makes the channel configuration update that adds an organisation, from one existing organisation's node: the
 * new organisation in the application group with its anchor peer, its orderer organisation with its endpoint,
 * and its orderer as a new Raft consenter, all from the definition the node imported, and this organisation's
 * latest certificate revocation list in its own MSP. The update is signed by this organisation's admin.
 * @returns the update file, to be signed by other organisations' admins and submitted.
 * @throws Error when the organisation is a member already or its definition has not been imported.
 */
export async function proposeAddition(
  ctx: NetworkContext,
  self: Organisation,
  joining: Organisation,
): Promise<string> {
  const own = ctx.paths.org(self);
  return withTranslator(ctx.fabric, async (translator) => {
    const work = translator.dir;
    const current = await translator.currentConfig(ctx, self);
    if (membersOf(current).includes(joining.mspId)) {
      throw new Error(
        `${joining.name} (${joining.mspId}) is a member of channel ${ctx.network.channel} already`,
      );
    }
    // The same configuration as a new channel of every organisation would have, to take the joiner's groups from.
    const everyone = await createGenesisBlock(
      ctx.fabric,
      own,
      ctx.network,
      join(work, 'everyone.block'),
      work,
    );
    const target = configOf(await translator.decode<Json>(everyone, 'common.Block'));
    const updated = structuredClone(current);
    const { groups } = updated.channel_group;
    groups.Application.groups[joining.mspId] = target.channel_group.groups.Application.groups[
      joining.mspId
    ] as Json;
    groups.Orderer.groups[joining.mspId] = target.channel_group.groups.Orderer.groups[joining.mspId] as Json;
    const consenter = consentersOf(target.channel_group).find(
      (c) => c.host === joining.host && c.port === joining.ports.orderer,
    );
    consentersOf(updated.channel_group).push(consenter as { host: string; port: number });
    // The proposer's next update carries its latest revocation list, so a certificate its CA revoked is refused.
    carryRevocations(updated, self, await new OrgCa(ctx.fabric, ctx.paths, self).revocationList());

    const file = await translator.writeUpdate(
      ctx.network.channel,
      current,
      updated,
      join(own.channelConfigDir, `add-${joining.name}.update.pb`),
    );
    await signUpdate(ctx, self, file);
    return file;
  });
}

/** The MSP ids of the admins that signed a channel configuration update file. */
/** What a channel configuration update file changes (see {@link changesOf}), one line each. */
export function changesIn(fabric: FabricInstall, file: string): Promise<string[]> {
  return withTranslator(fabric, async (translator) =>
    changesOf((await translator.decode<UpdateEnvelope>(file, 'common.Envelope')).payload.data.config_update),
  );
}

export function signersOf(fabric: FabricInstall, file: string): Promise<string[]> {
  return withTranslator(fabric, async (translator) =>
    signersIn(await translator.decode<UpdateEnvelope>(file, 'common.Envelope')),
  );
}

/** Adds an organisation's admin signature to a channel configuration update file (in place). */
export async function signUpdate(ctx: NetworkContext, self: Organisation, file: string): Promise<void> {
  await run(
    ctx.fabric.bin('peer'),
    ['channel', 'signconfigtx', '-f', file],
    peerAdminEnv(ctx.fabric, ctx.paths, self),
  );
}

/**
 * Sends a signed update through the organisation's own orderer. The orderers add a consenter only while every
 * current one is alive (else quorum could be lost); right after an orderer restarted, the leader may not count
 * it yet, so that refusal is retried for up to a minute.
 * @throws Error from the peer CLI, or naming the quorum when the orderers stay short of it.
 */
export async function sendUpdate(ctx: NetworkContext, self: Organisation, file: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await run(
        ctx.fabric.bin('peer'),
        ['channel', 'update', '-f', file, ...ordererArgs(ctx, self)],
        peerAdminEnv(ctx.fabric, ctx.paths, self),
      );
      return;
    } catch (error) {
      if (!/quorum loss/.test(String(error))) {
        throw error;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the orderers refuse a new consenter while one of them is down or catching up: start every ` +
            `organisation's node and submit again. ${String(error)}`,
        );
      }
      await sleep(2_000);
    }
  }
}

/**
 * Submits a signed channel configuration update through an organisation's own orderer (adding its admin's
 * signature), once a majority of the channel's members have signed it.
 * @returns the MSP ids that signed.
 * @throws Error when too few members signed, or when the channel's configuration changed since the update was
 * made (a stale update: make it again).
 */
export async function submitUpdate(ctx: NetworkContext, self: Organisation, file: string): Promise<string[]> {
  return withTranslator(ctx.fabric, async (translator) => {
    const current = await translator.currentConfig(ctx, self);
    const envelope = await translator.decode<UpdateEnvelope>(file, 'common.Envelope');
    const stale = staleElement(
      envelope.payload.data.config_update.read_set,
      current.channel_group as ConfigElement,
      '',
    );
    if (stale !== undefined) {
      throw new Error(
        `a stale update: the channel's configuration changed at ${stale || '/'} since it was made; ` +
          'make it again from the current configuration',
      );
    }
    const members = membersOf(current);
    const signers = [...new Set([...signersIn(envelope), self.mspId])].filter((m) => members.includes(m));
    const needed = majorityOf(members.length);
    if (signers.length < needed) {
      throw new Error(
        `too few signatures: the update needs the admins of ${needed} of the ${members.length} members, ` +
          `it has ${signers.join(', ')}; have ${members.filter((m) => !signers.includes(m)).join(' or ')} sign it ` +
          '(npm run node -- sign --org <name> --update <file>)',
      );
    }
    try {
      await sendUpdate(ctx, self, file);
    } catch (error) {
      if (/version|does not match|readset/i.test(String(error))) {
        throw new Error(
          `the channel's configuration changed since this update was made (a stale update): make it again from the current configuration. ${String(error)}`,
        );
      }
      throw error;
    }
    return signers;
  });
}
