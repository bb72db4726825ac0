import { existsSync } from 'node:fs';
import type { NetworkContext } from '../description/context';
import { writeCityClients } from '../clients/gateways';
import {
  approveNode,
  commitFromNode,
  createChannel,
  importPublic,
  initNode,
  runChaincodeService,
  startNode,
} from './organisation-node';
import { chaincodeProcessName } from '../chaincode/package';
import { makePrivateDir, restrictToOwner } from '../description/private-files';
import { waitUntilReady } from '../clients/readiness';
import { schemeOf, setUpScheme } from '../clients/scheme';

/**
 * Brings the whole city up on one machine from the same steps each organisation runs on its own node: every
 * organisation initialises its node folder and publishes its definition; each imports the others'; the first
 * makes the genesis block from them and hands it to the others; every node starts; every organisation
 * approves this checkout's chaincode and the first commits it. Each step is skipped when done already, so it
 * also restarts just the processes that died.
 * @returns the processes that had to be started.
 */
export async function up(ctx: NetworkContext): Promise<string[]> {
  const { paths, network } = ctx;
  const orgs = network.organisations;
  makePrivateDir(paths.home);
  restrictToOwner(paths.home);
  const started = (await Promise.all(orgs.map((o) => initNode(ctx, o)))).flat();
  const definitions = orgs.map((o) => paths.org(o).definition);
  for (const org of orgs) {
    importPublic(ctx, org, { definitions });
  }
  const [founder, ...others] = orgs;
  if (founder === undefined) {
    throw new Error('the network has no organisations');
  }
  const genesis = paths.org(founder).genesisBlock;
  if (!existsSync(genesis)) {
    await createChannel(ctx, founder);
  }
  for (const org of others.filter((o) => !existsSync(paths.org(o).genesisBlock))) {
    importPublic(ctx, org, { genesis });
  }
  const startedNodes = await Promise.all(orgs.map((o) => startNode(ctx, o, { waitUntilEndorsable: false })));
  started.push(...startedNodes.flat());
  started.push(...(await deploy(ctx)));
  writeCityClients(
    ctx,
    orgs.map((o) => paths.org(o).clientsFile),
  );
  return started;
}

/**
 * Deploys this checkout's chaincode when the channel runs another build: every organisation approves it on its
 * own node, the first commits it, and then every organisation runs its chaincode service for it; then waits
 * until the network orders and endorses transactions, and on a new ledger sets up the scheme of the network
 * description. Each chaincode service keeps serving the build the channel runs until the new one is committed:
 * a service started for the new build before would leave the peers nothing to run the committed one with.
 * @returns the chaincode services it started.
 */
export async function deploy(ctx: NetworkContext): Promise<string[]> {
  const [founder] = ctx.network.organisations;
  for (const org of ctx.network.organisations) {
    await approveNode(ctx, org);
  }
  if (founder) {
    await commitFromNode(ctx, founder);
  }
  const started: string[] = [];
  for (const org of ctx.network.organisations) {
    if (await runChaincodeService(ctx, org)) {
      started.push(chaincodeProcessName(org));
    }
  }
  ctx.progress('waiting until the network orders and endorses transactions');
  await waitUntilReady(ctx);
  if (founder && (await setUpScheme(ctx, founder))) {
    ctx.progress(
      `set up the scheme: ${schemeOf(ctx.network)
        .map((o) => `${o.mspId} (${o.roles.join(', ')})`)
        .join(', ')}`,
    );
  }
  return started;
}
