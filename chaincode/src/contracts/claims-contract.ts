import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { getClaim, listClaims } from '../domain/claim-queries';
import { approveClaim, indexClaimLines, recordPayment, rejectClaim, submitClaim } from '../domain/claims';
import { parseRequest } from '../validation/parse-request';
import {
  claimIdRequest,
  listClaimsRequest,
  recordPaymentRequest,
  rejectClaimRequest,
  submitClaimRequest,
  venueIdRequest,
} from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Settlement: venues claim, funders decide, the payer records payments.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'claims', description: 'Claims (declaraties) of venues and their payment' })
export class ClaimsContract extends TimelyContract {
  constructor() {
    super('claims');
  }

  @Transaction()
  @Returns('string')
  async SubmitClaim(ctx: Context, request: string): Promise<string> {
    return respond(await submitClaim(ctx, parseRequest(submitClaimRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async ApproveClaim(ctx: Context, request: string): Promise<string> {
    return respond(await approveClaim(ctx, parseRequest(claimIdRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async RejectClaim(ctx: Context, request: string): Promise<string> {
    return respond(await rejectClaim(ctx, parseRequest(rejectClaimRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async RecordPayment(ctx: Context, request: string): Promise<string> {
    return respond(await recordPayment(ctx, parseRequest(recordPaymentRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async IndexClaimLines(ctx: Context, request: string): Promise<string> {
    return respond(await indexClaimLines(ctx, parseRequest(venueIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetClaim(ctx: Context, request: string): Promise<string> {
    return respond(await getClaim(ctx, parseRequest(claimIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListClaims(ctx: Context, request: string): Promise<string> {
    // Every filter is optional, so a caller may send no request at all.
    return respond(await listClaims(ctx, parseRequest(listClaimsRequest, request || '{}')));
  }
}
