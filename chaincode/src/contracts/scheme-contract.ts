import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  approveSchemeChange,
  getSchemeProposal,
  proposeSchemeChange,
  requireScheme,
  setUpScheme,
} from '../domain/scheme';
import { parseRequest } from '../validation/parse-request';
import { proposeSchemeChangeRequest, schemeProposalIdRequest, setUpSchemeRequest } from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Who does what in the scheme: which organisations issue passes, fund, pay and run venues. Set up once with a
 * new ledger, then changed only by proposals that admins of a majority of its organisations approve. Reads:
 * everyone.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'scheme', description: 'The organisations of the scheme and their roles' })
export class SchemeContract extends TimelyContract {
  constructor() {
    super('scheme');
  }

  @Transaction()
  @Returns('string')
  async SetUp(ctx: Context, request: string): Promise<string> {
    return respond(await setUpScheme(ctx, parseRequest(setUpSchemeRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetScheme(ctx: Context): Promise<string> {
    return respond(await requireScheme(ctx));
  }

  @Transaction()
  @Returns('string')
  async ProposeChange(ctx: Context, request: string): Promise<string> {
    return respond(await proposeSchemeChange(ctx, parseRequest(proposeSchemeChangeRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async ApproveChange(ctx: Context, request: string): Promise<string> {
    return respond(await approveSchemeChange(ctx, parseRequest(schemeProposalIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetProposal(ctx: Context, request: string): Promise<string> {
    return respond(await getSchemeProposal(ctx, parseRequest(schemeProposalIdRequest, request)));
  }
}
