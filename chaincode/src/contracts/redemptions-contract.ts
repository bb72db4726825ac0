import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { getRedemption, listRedemptionsByPass } from '../domain/redemption-queries';
import { redeem } from '../domain/redemptions';
import { reverse } from '../domain/reversals';
import { scanCard } from '../domain/scan';
import { parseRequest } from '../validation/parse-request';
import {
  listRedemptionsByPassRequest,
  redeemRequest,
  redemptionIdRequest,
  reverseRequest,
} from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Uses of passes at venues: cards scanned, uses booked and reversed by venue identities.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'redemptions', description: 'Redemptions and reversals at venues' })
export class RedemptionsContract extends TimelyContract {
  constructor() {
    super('redemptions');
  }

  @Transaction(false)
  @Returns('string')
  async Scan(ctx: Context): Promise<string> {
    return respond(await scanCard(ctx));
  }

  @Transaction()
  @Returns('string')
  async Redeem(ctx: Context, request: string): Promise<string> {
    return respond(await redeem(ctx, parseRequest(redeemRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async Reverse(ctx: Context, request: string): Promise<string> {
    return respond(await reverse(ctx, parseRequest(reverseRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetRedemption(ctx: Context, request: string): Promise<string> {
    return respond(await getRedemption(ctx, parseRequest(redemptionIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListRedemptionsByPass(ctx: Context, request: string): Promise<string> {
    return respond(await listRedemptionsByPass(ctx, parseRequest(listRedemptionsByPassRequest, request)));
  }
}
