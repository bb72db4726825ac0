import { join } from 'node:path';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { withTranslator, type Json } from './config-translator';
import { sendUpdate, signUpdate } from './channel-update';

/** An organisation's MSP as a channel configuration value: what of it a revocation list changes. */
interface MspValue {
  value: { config: { revocation_list?: string[] } };
}

function mspValueOf(group: Json | undefined): MspValue | undefined {
  const values = group?.values as Record<string, MspValue> | undefined;
  return values?.MSP;
}

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
    const { groups } = updated.channel_group;
    const list = [Buffer.from(crlPem).toString('base64')];
    const msps = [groups.Application.groups[self.mspId], groups.Orderer.groups[self.mspId]]
      .map(mspValueOf)
      .filter((msp) => msp !== undefined);
    if (msps.length === 0) {
      throw new Error(`${self.mspId} is not a member of channel ${ctx.network.channel}`);
    }
    if (
      msps.every((msp) => JSON.stringify(msp.value.config.revocation_list ?? []) === JSON.stringify(list))
    ) {
      return false;
    }
    for (const msp of msps) {
      msp.value.config.revocation_list = list;
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
