import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { grantBookByNumber, revokeBookByNumber } from '../domain/book-by-number';
import {
  getVenue,
  listVenues,
  registerVenue,
  reinstateVenue,
  setBankAccount,
  suspendVenue,
  updateVenue,
} from '../domain/venues';
import { parseRequest } from '../validation/parse-request';
import {
  bookByNumberRequest,
  registerVenueRequest,
  setBankAccountRequest,
  suspendVenueRequest,
  updateVenueRequest,
  venueIdRequest,
} from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Venues: registered, updated and suspended by the municipality, which also decides which venues may book
 * by pass number; readable by everyone.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'venues', description: 'Places where passes are used' })
export class VenuesContract extends TimelyContract {
  constructor() {
    super('venues');
  }

  @Transaction()
  @Returns('string')
  async RegisterVenue(ctx: Context, request: string): Promise<string> {
    return respond(await registerVenue(ctx, parseRequest(registerVenueRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async UpdateVenue(ctx: Context, request: string): Promise<string> {
    return respond(await updateVenue(ctx, parseRequest(updateVenueRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async SuspendVenue(ctx: Context, request: string): Promise<string> {
    return respond(await suspendVenue(ctx, parseRequest(suspendVenueRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async ReinstateVenue(ctx: Context, request: string): Promise<string> {
    return respond(await reinstateVenue(ctx, parseRequest(venueIdRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async GrantBookByNumber(ctx: Context, request: string): Promise<string> {
    return respond(await grantBookByNumber(ctx, parseRequest(bookByNumberRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async RevokeBookByNumber(ctx: Context, request: string): Promise<string> {
    return respond(await revokeBookByNumber(ctx, parseRequest(bookByNumberRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async SetBankAccount(ctx: Context, request: string): Promise<string> {
    return respond(await setBankAccount(ctx, parseRequest(setBankAccountRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetVenue(ctx: Context, request: string): Promise<string> {
    return respond(await getVenue(ctx, parseRequest(venueIdRequest, request).venueId));
  }

  @Transaction(false)
  @Returns('string')
  async ListVenues(ctx: Context): Promise<string> {
    return respond(await listVenues(ctx));
  }
}
