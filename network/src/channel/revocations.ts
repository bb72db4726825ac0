import { join } from 'node:path';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { withTranslator } from './config-translator';
import { carryRevocations } from './msp-revocations';
import { sendUpdate, signUpdate } from './channel-update';

/**
 * Publishes an organisation's certificate revocation list to the channel: a configuration update that puts it in
 * the organisation's MSP, in the application group and (for its orderer) the orderer group. Every peer and
 * orderer then refuses the certificates it lists, whoever presents them. The update changes the organisation's
 * own MSP only, which its own admin's signature allows: no other member needs to sign.
 * @returns false when the channel holds this list already (nothing to update).
 */
export async function publishRevocations(
  ctx: NetworkContext,
  self: Organisation,
  crlPem: string,
): Promise<boolean> {
  const own = ctx.paths.org(self);
  return withTranslator(ctx.fabric, async (translator) => {
    const current = await translator.currentConfig(ctx, self);
    const updated = structuredClone(current);
    if (!carryRevocations(updated, self, crlPem)) {
      return false;
    }
    const file = await translator.writeUpdate(
      ctx.network.channel,
      current,
      updated,
      join(own.channelConfigDir, 'revocations.update.pb'),
    );
    await signUpdate(ctx, self, file);
    await sendUpdate(ctx, self, file);
    return true;
  });
}
