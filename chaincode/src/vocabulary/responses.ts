import { z } from 'zod';
import { passRecord, redemptionRecord } from './records';

/**
 * The response of `passes:PurgeHolder`: never echoes personal data. `holderRef` is absent when the holder was
 * recorded for a pass that was never issued.
 */
export const holderAck = z
  .object({ passId: z.string(), holderRef: z.string().optional() })
  .meta({ id: 'HolderErased' });
export type HolderAck = z.infer<typeof holderAck>;

/** The response of `redemptions:Redeem` and `redemptions:Reverse`. */
export const redeemResponse = z
  .object({
    redemption: redemptionRecord,
    /** `true` when the request id was seen before with the same content: nothing was booked now. */
    replayed: z.boolean(),
    /** The balance of the voucher after the booking (discount offers: the discount budget left). */
    remaining: z.number().int().optional(),
  })
  .meta({ id: 'RedeemResult' });
export type RedeemResponse = z.infer<typeof redeemResponse>;

/** The response of `passes:ReplacePass`. */
export const replacePassResponse = z.object({
  oldPass: passRecord,
  newPass: passRecord,
  movedVouchers: z.number().int(),
});
export type ReplacePassResponse = z.infer<typeof replacePassResponse>;

/** The response of `passes:RecordHolder`: the pass the holder awaits (not yet issued). */
export interface RecordHolderResponse {
  passId: string;
}

/** The response of `passes:FindPassByCardNumber`: the pass that now answers to the card number. */
export interface CardNumberPass {
  passId: string;
}

/** The response of `passes:RecordHolders`. */
export interface RecordHoldersResponse {
  recorded: number;
  passIds: string[];
}
