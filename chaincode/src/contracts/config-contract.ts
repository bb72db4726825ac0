import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { loadConfig, setConfig, setDiscountNorm } from '../domain/config';
import { addQrKey, listQrKeys, retireQrKey } from '../domain/qr-keys';
import { listStateDigests } from '../domain/state-digests';
import { parseRequest } from '../validation/parse-request';
import {
  addQrKeyRequest,
  listStateDigestsRequest,
  retireQrKeyRequest,
  setConfigRequest,
  setDiscountNormRequest,
} from '../vocabulary';
import { respond } from './respond';
import { TimelyContract } from './timely-contract';

/**
 * Ledger settings and QR verification keys. Writes: municipality admins; reads: everyone.
 *
 * Each transaction parses its JSON request and calls one domain function; refusals throw a
 * ChaincodeError whose message starts with a catalogue code (see the domain function's TSDoc).
 */
@Info({
  title: 'config',
  description:
    "Pass-year boundary, reversal window, municipalities' discount norms, QR verification keys and the state digests verify compares",
})
export class ConfigContract extends TimelyContract {
  constructor() {
    super('config');
  }

  @Transaction()
  @Returns('string')
  async SetConfig(ctx: Context, request: string): Promise<string> {
    return respond(await setConfig(ctx, parseRequest(setConfigRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async GetConfig(ctx: Context): Promise<string> {
    return respond(await loadConfig(ctx));
  }

  @Transaction()
  @Returns('string')
  async SetDiscountNorm(ctx: Context, request: string): Promise<string> {
    return respond(await setDiscountNorm(ctx, parseRequest(setDiscountNormRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async AddQrKey(ctx: Context, request: string): Promise<string> {
    return respond(await addQrKey(ctx, parseRequest(addQrKeyRequest, request)));
  }

  @Transaction()
  @Returns('string')
  async RetireQrKey(ctx: Context, request: string): Promise<string> {
    return respond(await retireQrKey(ctx, parseRequest(retireQrKeyRequest, request)));
  }

  @Transaction(false)
  @Returns('string')
  async ListQrKeys(ctx: Context): Promise<string> {
    return respond(await listQrKeys(ctx));
  }

  @Transaction(false)
  @Returns('string')
  async ListStateDigests(ctx: Context, request: string): Promise<string> {
    return respond(await listStateDigests(ctx, parseRequest(listStateDigestsRequest, request)));
  }
}
