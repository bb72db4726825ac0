import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SchemeOrganisation, SetConfigRequest } from '@stadspas/chaincode/vocabulary';
import { changesIn, proposeAddition, signersOf, signUpdate, submitUpdate } from '../channel/channel-update';
import { fetchConfigBlock } from '../channel/config-translator';
import { rotateCardKey } from '../clients/card-key';
import {
  approveScheme,
  configInForce,
  proposeScheme,
  schemeInForce,
  schemeOf,
  setUpScheme,
} from '../clients/scheme';
import type { NetworkContext } from '../description/context';
import { caFingerprintOf } from '../identities/definition';
import { printStatus } from './status';
import { required, said, type NodeCommand, type NodeOptions } from './node-command';
import { UPKEEP_COMMANDS } from './upkeep-commands';
import {
  approveNode,
  commitFromNode,
  createChannel,
  importPublic,
  initNode,
  organisationNamed,
  runChaincodeService,
  startNode,
  stopNode,
} from './organisation-node';

// `npm run node -- <command> --org <name>`: the commands one organisation runs on its own node.

const sequenceSaid = (verb: string, sequence: number | undefined): Promise<void> =>
  said(sequence === undefined ? 'The channel runs this chaincode already.' : `${verb} sequence ${sequence}.`);

/** What each `npm run node -- <command>` does on the organisation's own node. */
const NODE_COMMANDS: Readonly<Record<string, NodeCommand>> = {
  init: async (ctx, org) => {
    await initNode(ctx, org);
    const own = ctx.paths.org(org);
    await said(
      `${org.name}'s node folder is ${own.root}.\nSend its definition to the others: ${own.definition}\n` +
        `Its CA's fingerprint, for them to confirm with you by phone: ${caFingerprintOf(own, org)}`,
    );
  },
  import: (ctx, org, options) => {
    const imported = importPublic(ctx, org, {
      definitions: options.definition,
      genesis: options.genesis,
      configBlock: options['config-block'],
    });
    const own = ctx.paths.org(org);
    const what = [
      ...imported.map(
        (o) =>
          `the definition of ${o.name} (signed by its admin; confirm its CA's fingerprint ` +
          `${caFingerprintOf(own, o)} with ${o.name} by phone)`,
      ),
      ...(options.genesis === undefined ? [] : ['the genesis block']),
      ...(options['config-block'] === undefined ? [] : ['the configuration block to join with']),
    ];
    return said(
      what.length ? `Imported ${what.join(', ')}.` : 'Nothing to import: give --definition or --genesis.',
    );
  },
  genesis: async (ctx, org) => said(`Send the genesis block to the others: ${await createChannel(ctx, org)}`),
  start: async (ctx, org, { elapsed }) => {
    const started = await startNode(ctx, org);
    console.log(
      started.length ? `Started ${started.join(', ')} in ${elapsed()}.` : `${org.name}'s node was running.`,
    );
    await printStatus(ctx, org);
  },
  approve: async (ctx, org) => sequenceSaid('Approved', await approveNode(ctx, org)),
  commit: async (ctx, org) => {
    await sequenceSaid('Committed', await commitFromNode(ctx, org));
    if (await runChaincodeService(ctx, org)) {
      await said(`Started ${org.name}'s chaincode service for the committed build.`);
    }
    if (await setUpScheme(ctx, org)) {
      await said(`Set up the scheme of the network description:\n${schemeLines(schemeOf(ctx.network))}`);
    }
  },
  'rotate-card-key': async (ctx, org) => {
    const rotated = await rotateCardKey(ctx, org);
    await said(
      `Cards of ${org.name} are signed with ${rotated.keyId} from now on; ` +
        (rotated.retired.length === 0
          ? 'no other key of it was valid.'
          : `${rotated.retired.join(', ')} verifies no card any more.`) +
        '\nEvery card printed before stops working: print each holder a new one from the desk (Card page).',
    );
  },
  stop: async (ctx, org) => {
    const stopped = await stopNode(ctx, org);
    await said(stopped.length ? `Stopped ${stopped.join(', ')}` : `Nothing of ${org.name} was running`);
  },
  status: (ctx, org) => printStatus(ctx, org),
  propose: async (ctx, org, options) => {
    const file = await proposeAddition(ctx, org, organisationNamed(ctx, options.add));
    await said(
      `${await changesSaid(ctx, file)}\nSigned by ${org.mspId}. Have other members sign it, then submit it: ${file}`,
    );
  },
  sign: async (ctx, org, options) => {
    const file = required(options.update, '--update <file>');
    // Nobody signs blind: what the update changes is printed before the signature is added.
    console.log(await changesSaid(ctx, file));
    await signUpdate(ctx, org, file);
    await said(
      `Signed by ${org.mspId}; now signed by ${(await signersOf(ctx.fabric, file)).join(', ')}: ${file}`,
    );
  },
  submit: async (ctx, org, options) => {
    const file = required(options.update, '--update <file>');
    console.log(await changesSaid(ctx, file));
    const signers = await submitUpdate(ctx, org, file);
    const block = await fetchConfigBlock(ctx, org, join(ctx.paths.org(org).channelConfigDir, 'config.block'));
    await said(
      `The channel took the update, signed by ${signers.join(', ')}.\n` +
        `Send the joining organisation its latest configuration block: ${block}`,
    );
  },
};

/** What a channel configuration update changes, as lines to read before signing it. */
async function changesSaid(ctx: NetworkContext, file: string): Promise<string> {
  const changes = await changesIn(ctx.fabric, file);
  return `The update ${file}:\n${changes.map((line) => `  ${line}`).join('\n') || '  changes nothing'}`;
}

/** One line per organisation of a scheme. */
function schemeLines(organisations: readonly SchemeOrganisation[]): string {
  return organisations
    .map(
      (o) =>
        `  ${o.mspId.padEnd(22)} ${o.roles.join(', ')}${o.personalDataCollection ? ` (${o.personalDataCollection})` : ''}`,
    )
    .join('\n');
}

/** The scheme commands: who does what on the ledger, changed by a majority of its organisations' admins. */
/** The ledger-wide settings a scheme proposal may change, by their command line option. */
const SETTING_OPTIONS = {
  'reversal-window': 'reversalWindowSeconds',
  'card-uses-per-day': 'cardUsesPerDay',
  'offline-bookings-per-day': 'offlineBookingsPerDay',
  'offline-window': 'offlineWindowSeconds',
} as const satisfies Partial<Record<keyof NodeOptions, keyof SetConfigRequest>>;

/**
 * The settings the command line changes; a setting not named keeps its value.
 * @throws Error naming the option for a value that is not a whole number.
 */
export function settingChanges(options: NodeOptions): Partial<SetConfigRequest> {
  const changes: Partial<Record<keyof SetConfigRequest, number>> = {};
  for (const [option, setting] of Object.entries(SETTING_OPTIONS) as [
    keyof typeof SETTING_OPTIONS,
    keyof SetConfigRequest,
  ][]) {
    const text = options[option];
    if (text !== undefined) {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0) {
        throw new Error(`--${option} must be a whole number, not '${text}'`);
      }
      changes[setting] = value;
    }
  }
  return changes as Partial<SetConfigRequest>;
}

/** The settings of a proposal in words. */
function settingsLine(config: SetConfigRequest): string {
  return Object.entries(config)
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(', ');
}

const SCHEME_COMMANDS: Readonly<Record<string, NodeCommand>> = {
  scheme: async (ctx, org) => {
    const scheme = await schemeInForce(ctx, org);
    await said(
      scheme === undefined
        ? 'No scheme is set up yet (the first deployment sets it up).'
        : `Scheme version ${String(scheme.version)}:\n${schemeLines(scheme.organisations)}`,
    );
  },
  'scheme-propose': async (ctx, org, options) => {
    // New ledger-wide settings ride on a scheme proposal: they bind every organisation, so a majority decides.
    const changes = settingChanges(options);
    const config =
      Object.keys(changes).length === 0
        ? undefined
        : (({ passYearStart, reversalWindowSeconds }: SetConfigRequest) => ({
            passYearStart,
            reversalWindowSeconds,
            ...changes,
          }))(await configInForce(ctx, org));
    const proposal = await proposeScheme(ctx, org, required(options.proposal, '--proposal <id>'), config);
    await said(
      proposal.status === 'applied'
        ? `The scheme of the network description is in force:\n${schemeLines(proposal.organisations)}`
        : `Proposed ${proposal.proposalId}, approved by ${proposal.approvals.join(', ')}:\n` +
            `${schemeLines(proposal.organisations)}\n` +
            (proposal.config === undefined ? '' : `  settings ${settingsLine(proposal.config)}\n`) +
            `Admins of the other organisations approve it: npm run node -- scheme-approve --org <name> --proposal ${proposal.proposalId}`,
    );
  },
  'scheme-approve': async (ctx, org, options) => {
    const proposal = await approveScheme(
      ctx,
      org,
      required(options.proposal, '--proposal <id>'),
      (before) => {
        console.log(
          `Approving ${before.proposalId} as ${org.mspId}: the scheme becomes\n${schemeLines(before.organisations)}` +
            (before.config === undefined ? '' : `\n  and the settings ${settingsLine(before.config)}`),
        );
      },
    );
    await said(
      `${proposal.proposalId} is approved by ${proposal.approvals.join(', ')}: ` +
        (proposal.status === 'applied' ? 'it is in force.' : 'it needs more approvals.'),
    );
  },
};

/** `node <command> --org <name>`: one organisation's node, from its own folder. */
export async function nodeCommand(
  ctx: NetworkContext,
  args: readonly string[],
  elapsed: () => string,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      org: { type: 'string' },
      definition: { type: 'string', multiple: true },
      genesis: { type: 'string' },
      'config-block': { type: 'string' },
      add: { type: 'string' },
      update: { type: 'string' },
      proposal: { type: 'string' },
      'reversal-window': { type: 'string' },
      'card-uses-per-day': { type: 'string' },
      'offline-bookings-per-day': { type: 'string' },
      'offline-window': { type: 'string' },
      file: { type: 'string' },
    },
    allowPositionals: true,
  });
  const command = { ...NODE_COMMANDS, ...UPKEEP_COMMANDS, ...SCHEME_COMMANDS }[positionals[0] ?? ''];
  if (!command) {
    throw new Error(
      'usage: npm run node -- <init|import|genesis|start|approve|commit|stop|status|propose|sign|submit|' +
        'renew|publish-revocations|backup|restore|rotate-card-key|' +
        'scheme|scheme-propose|scheme-approve> --org <name> [--definition <file>]... [--genesis <file>] ' +
        '[--config-block <file>] [--add <org>] [--update <file>] [--proposal <id>] [--reversal-window <s>] [--card-uses-per-day <n>] [--offline-bookings-per-day <n>] [--offline-window <s>] ' +
        '[--file <backup>] ' +
        `(got ${positionals[0] ?? 'nothing'})`,
    );
  }
  await command(ctx, organisationNamed(ctx, values.org), { ...values, elapsed });
}
