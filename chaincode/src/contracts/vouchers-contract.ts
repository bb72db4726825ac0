import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { grantVoucher, listVouchers } from '../domain/vouchers';
import { parseRequest } from '../validation/parse-request';
import { grantVoucherRequest, passIdRequest } from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Individual grants on top of the offers' rules, and balances.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'vouchers', description: 'What a pass may still use of an offer in a period' })
export class VouchersContract extends TimelyContract {
  constructor() {
    super('vouchers');
  }

  @Transaction()
  @Returns('string')
  async GrantVoucher(ctx: Context, request: string): Promise<string> {
    return respond(await grantVoucher(ctx, parseRequest(grantVoucherRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListVouchers(ctx: Context, request: string): Promise<string> {
    return respond(await listVouchers(ctx, parseRequest(passIdRequest, request)));
  }
}
