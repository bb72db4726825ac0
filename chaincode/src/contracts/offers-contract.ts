import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  createOffer,
  getOffer,
  getOfferHistory,
  listOffers,
  retireOffer,
  updateOffer,
} from '../domain/offers';
import { parseRequest } from '../validation/parse-request';
import { createOfferRequest, offerIdRequest, updateOfferRequest } from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Offers: created and changed by their funder only; readable by everyone.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({ title: 'offers', description: 'What a pass can be used for: entries, budgets and discounts' })
export class OffersContract extends TimelyContract {
  constructor() {
    super('offers');
  }

  @Transaction()
  @Returns('string')
  async CreateOffer(ctx: Context, request: string): Promise<string> {
    return respond(await createOffer(ctx, parseRequest(createOfferRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async UpdateOffer(ctx: Context, request: string): Promise<string> {
    return respond(await updateOffer(ctx, parseRequest(updateOfferRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async RetireOffer(ctx: Context, request: string): Promise<string> {
    return respond(await retireOffer(ctx, parseRequest(offerIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetOffer(ctx: Context, request: string): Promise<string> {
    return respond(await getOffer(ctx, parseRequest(offerIdRequest, request).offerId));
  }

  @Transaction(false)
  @Returns('string')
  async ListOffers(ctx: Context): Promise<string> {
    return respond(await listOffers(ctx));
  }

  @Transaction(false)
  @Returns('string')
  async GetOfferHistory(ctx: Context, request: string): Promise<string> {
    return respond(await getOfferHistory(ctx, parseRequest(offerIdRequest, request).offerId));
  }
}
