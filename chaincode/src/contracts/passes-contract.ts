import { importPasses } from '../domain/pass-import';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  getHolder,
  parseHoldersTransient,
  parseHolderTransient,
  purgeHolder,
  recordHolder,
  recordHolders,
} from '../domain/holders';
import { findPassByCardNumber } from '../domain/card-numbers';
import { replacePass } from '../domain/pass-replacement';
import { getPass, getPassHistory } from '../domain/pass-views';
import { blockPass, issuePass, issuePasses, renewPass, unblockPass } from '../domain/passes';
import { parseRequest } from '../validation/parse-request';
import {
  blockPassRequest,
  issuePassRequest,
  importPassesRequest,
  issuePassesRequest,
  passIdRequest,
  renewPassRequest,
  replacePassRequest,
} from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Passes and their holders' private data: municipality only, except pass reads by venues.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'passes', description: 'City passes, their lifecycle and their holders' })
export class PassesContract extends TimelyContract {
  constructor() {
    super('passes');
  }

  @Transaction()
  @Returns('string')
  async IssuePass(ctx: Context, request: string): Promise<string> {
    return respond(await issuePass(ctx, parseRequest(issuePassRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async IssuePasses(ctx: Context, request: string): Promise<string> {
    return respond(await issuePasses(ctx, parseRequest(issuePassesRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async ImportPasses(ctx: Context, request: string): Promise<string> {
    return respond(await importPasses(ctx, parseRequest(importPassesRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async BlockPass(ctx: Context, request: string): Promise<string> {
    return respond(await blockPass(ctx, parseRequest(blockPassRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async UnblockPass(ctx: Context, request: string): Promise<string> {
    return respond(await unblockPass(ctx, parseRequest(passIdRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async ReplacePass(ctx: Context, request: string): Promise<string> {
    return respond(await replacePass(ctx, parseRequest(replacePassRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async RenewPass(ctx: Context, request: string): Promise<string> {
    return respond(await renewPass(ctx, parseRequest(renewPassRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetPass(ctx: Context, request: string): Promise<string> {
    return respond(await getPass(ctx, parseRequest(passIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetPassHistory(ctx: Context, request: string): Promise<string> {
    return respond(await getPassHistory(ctx, parseRequest(passIdRequest, request)));
  }

  /** Personal data comes only in the transient map (key `holder`), never as an argument. */
  @Transaction()
  @Returns('string')
  async RecordHolder(ctx: Context): Promise<string> {
    return respond(await recordHolder(ctx, parseHolderTransient(ctx)));
  }

  /** A batch of holders comes only in the transient map (key `holders`), never as an argument. */
  @Transaction()
  @Returns('string')
  async RecordHolders(ctx: Context): Promise<string> {
    return respond(await recordHolders(ctx, parseHoldersTransient(ctx)));
  }

  @Transaction(false)
  @Returns('string')
  async GetHolder(ctx: Context, request: string): Promise<string> {
    return respond(await getHolder(ctx, parseRequest(passIdRequest, request)));
  }

  /** The card number comes only in the transient map (key `cardNumber`), never as an argument. */
  @Transaction(false)
  @Returns('string')
  async FindPassByCardNumber(ctx: Context): Promise<string> {
    return respond(await findPassByCardNumber(ctx));
  }

  @Transaction()
  @Returns('string')
  async PurgeHolder(ctx: Context, request: string): Promise<string> {
    return respond(await purgeHolder(ctx, parseRequest(passIdRequest, request)));
  }
}
