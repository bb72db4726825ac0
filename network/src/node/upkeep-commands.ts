import { publishRevocations } from '../channel/revocations';
import { OrgCa } from '../identities/ca';
import { backupNode, restoreNode } from './backup';
import { required, said, type NodeCommand } from './node-command';
import { renewNode } from './renew';
import { printStatus } from './status';

/** The commands that keep a node running for years: renewal, revocation, backup and restore. */
export const UPKEEP_COMMANDS: Readonly<Record<string, NodeCommand>> = {
  renew: async (ctx, org, { elapsed }) => {
    const renewed = await renewNode(ctx, org);
    const width = Math.max(...renewed.map((r) => r.name.length));
    await said(
      `Renewed the certificates of ${org.name} in ${elapsed()}:\n` +
        renewed
          .map((r) =>
            r.notAfter === undefined
              ? `  ${r.name.padEnd(width)}  NOT renewed, the CA refused (revoked?): ${r.refused ?? ''}`
              : `  ${r.name.padEnd(width)}  valid until ${r.notAfter}`,
          )
          .join('\n'),
    );
  },
  'publish-revocations': async (ctx, org) => {
    const crl = await new OrgCa(ctx.fabric, ctx.paths, org).revocationList();
    await said(
      (await publishRevocations(ctx, org, crl))
        ? `The channel holds ${org.name}'s revocation list now: every peer and orderer refuses the ` +
            'certificates its CA revoked, from whoever presents them.'
        : `The channel holds ${org.name}'s latest revocation list already.`,
    );
  },
  backup: async (ctx, org, options) => {
    const backup = await backupNode(ctx, org, options.file);
    await said(
      `Backed up ${org.name}'s node (${String(Math.round(backup.bytes / 1024))} KiB; its orderer paused ` +
        `${String(backup.pausedMs.orderer)} ms, its peer ${String(backup.pausedMs.peer)} ms): ${backup.file}\n` +
        "It holds the node's keys: keep it owner-only, " +
        'and copy it off this machine.',
    );
  },
  restore: async (ctx, org, options) => {
    const started = await restoreNode(ctx, org, required(options.file, '--file <backup>'));
    await said(`Restored ${org.name}'s node and started ${started.join(', ')}.`);
    await printStatus(ctx, org);
  },
};
