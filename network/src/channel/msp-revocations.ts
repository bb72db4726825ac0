import type { Organisation } from '../description/config';
import type { ChannelGroup, Json } from './config-translator';

/** An organisation's MSP as a channel configuration value: what of it a revocation list changes. */
interface MspValue {
  value: { config: { revocation_list?: string[] } };
}

function mspValueOf(group: Json | undefined): MspValue | undefined {
  const values = group?.values as Record<string, MspValue> | undefined;
  return values?.MSP;
}

/**
 * Puts an organisation's certificate revocation list into its MSP in a channel configuration, in the application
 * group and (for its orderer) the orderer group, so every peer and orderer refuses the certificates it lists.
 * @returns whether the configuration changed (false when it holds this list already).
 * @throws Error when the organisation is no member of the configuration's channel.
 */
export function carryRevocations(
  config: { channel_group: ChannelGroup },
  self: Organisation,
  crlPem: string,
): boolean {
  const { groups } = config.channel_group;
  const list = [Buffer.from(crlPem).toString('base64')];
  const msps = [groups.Application.groups[self.mspId], groups.Orderer.groups[self.mspId]]
    .map(mspValueOf)
    .filter((msp) => msp !== undefined);
  if (msps.length === 0) {
    throw new Error(`${self.mspId} is not a member of the channel`);
  }
  const same = (msp: MspValue): boolean =>
    JSON.stringify(msp.value.config.revocation_list ?? []) === JSON.stringify(list);
  if (msps.every(same)) {
    return false;
  }
  for (const msp of msps) {
    msp.value.config.revocation_list = list;
  }
  return true;
}
