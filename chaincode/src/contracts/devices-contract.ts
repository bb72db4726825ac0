import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  blockCard,
  holderPass,
  issueLinkLetter,
  linkDevice,
  listDevices,
  unlinkDevice,
} from '../domain/devices';
import { parseRequest } from '../validation/parse-request';
import { issueLinkLetterRequest, linkDeviceRequest, passIdRequest, unlinkDeviceRequest } from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * The holder's side of a pass: pass letters, the phones linked to a pass, a printed card reported lost, and the
 * pass as its holder sees it. The holder's proofs (card, link code, signed requests) travel in the transient map.
 */
@Info({ title: 'devices', description: "The holder's app, pass letters and lost cards" })
export class DevicesContract extends TimelyContract {
  constructor() {
    super('devices');
  }

  @Transaction()
  @Returns('string')
  async IssueLinkLetter(ctx: Context, request: string): Promise<string> {
    return respond(await issueLinkLetter(ctx, parseRequest(issueLinkLetterRequest, request)));
  }

  /** The printed card (`card`) and the letter's link code (`linkCode`) come only in the transient map. */
  @Transaction()
  @Returns('string')
  async LinkDevice(ctx: Context, request: string): Promise<string> {
    return respond(await linkDevice(ctx, parseRequest(linkDeviceRequest, request)));
  }

  /** The holder's signed request, when the holder asks, comes only in the transient map (`holderRequest`). */
  @Transaction()
  @Returns('string')
  async UnlinkDevice(ctx: Context, request: string): Promise<string> {
    return respond(await unlinkDevice(ctx, parseRequest(unlinkDeviceRequest, request)));
  }

  /** The holder's signed request comes only in the transient map (`holderRequest`). */
  @Transaction()
  @Returns('string')
  async BlockCard(ctx: Context, request: string): Promise<string> {
    return respond(await blockCard(ctx, parseRequest(passIdRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListDevices(ctx: Context, request: string): Promise<string> {
    return respond(await listDevices(ctx, parseRequest(passIdRequest, request)));
  }

  /** The proof comes only in the transient map: the holder's signed request, or a card's or app's code. */
  @Transaction(false)
  @Returns('string')
  async HolderPass(ctx: Context): Promise<string> {
    return respond(await holderPass(ctx));
  }
}
