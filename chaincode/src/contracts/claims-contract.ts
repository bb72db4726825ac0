import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { getClaim, listClaims, parseListClaims } from '../domain/claim-queries';
import {
  approveClaim,
  parseClaimId,
  parseRecordPayment,
  parseRejectClaim,
  parseSubmitClaim,
  recordPayment,
  rejectClaim,
  submitClaim,
} from '../domain/claims';
import { respond } from './respond';

/**
 * Settlement: venues claim, funders decide, the payer records payments.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'claims', description: 'Claims (declaraties) of venues and their payment' })
export class ClaimsContract extends Contract {
  constructor() {
    super('claims');
  }

  @Transaction()
  @Returns('string')
  async SubmitClaim(ctx: Context, request: string): Promise<string> {
    return respond(await submitClaim(ctx, parseSubmitClaim(request)));
  }

  @Transaction()
  @Returns('string')
  async ApproveClaim(ctx: Context, request: string): Promise<string> {
    return respond(await approveClaim(ctx, parseClaimId(request)));
  }

  @Transaction()
  @Returns('string')
  async RejectClaim(ctx: Context, request: string): Promise<string> {
    return respond(await rejectClaim(ctx, parseRejectClaim(request)));
  }

  @Transaction()
  @Returns('string')
  async RecordPayment(ctx: Context, request: string): Promise<string> {
    return respond(await recordPayment(ctx, parseRecordPayment(request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetClaim(ctx: Context, request: string): Promise<string> {
    return respond(await getClaim(ctx, parseClaimId(request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListClaims(ctx: Context, request: string): Promise<string> {
    return respond(await listClaims(ctx, parseListClaims(request)));
  }
}
