import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  getRedemption,
  listRedemptionsByPass,
  listRedemptionsByVenue,
  parseListByPass,
  parseListByVenue,
  parseRedemptionId,
} from '../domain/redemption-queries';
import { parseRedeem, redeem } from '../domain/redemptions';
import { parseReverse, reverse } from '../domain/reversals';
import { parseScan, scanCard } from '../domain/scan';
import { respond } from './respond';

/**
 * Uses of passes at venues: cards scanned, uses booked and reversed by venue identities.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'redemptions', description: 'Redemptions and reversals at venues' })
export class RedemptionsContract extends Contract {
  constructor() {
    super('redemptions');
  }

  @Transaction(false)
  @Returns('string')
  async Scan(ctx: Context, request: string): Promise<string> {
    return respond(await scanCard(ctx, parseScan(request)));
  }

  @Transaction()
  @Returns('string')
  async Redeem(ctx: Context, request: string): Promise<string> {
    return respond(await redeem(ctx, parseRedeem(request)));
  }

  @Transaction()
  @Returns('string')
  async Reverse(ctx: Context, request: string): Promise<string> {
    return respond(await reverse(ctx, parseReverse(request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetRedemption(ctx: Context, request: string): Promise<string> {
    return respond(await getRedemption(ctx, parseRedemptionId(request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListRedemptionsByPass(ctx: Context, request: string): Promise<string> {
    return respond(await listRedemptionsByPass(ctx, parseListByPass(request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListRedemptionsByVenue(ctx: Context, request: string): Promise<string> {
    return respond(await listRedemptionsByVenue(ctx, parseListByVenue(request)));
  }
}
