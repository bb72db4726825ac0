import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  APP_CODE_VERSION,
  appCodeStepAt,
  deviceIdOf,
  deviceSignedPart,
  HOLDER_REQUEST_VERSION,
  joinQr,
  type HolderAction,
} from '../../src/vocabulary';

/** A holder's phone as the app makes it: an ECDSA P-256 key pair, signing as a browser's Web Crypto does. */
export class Phone {
  readonly publicKey: string;
  readonly deviceId: string;
  readonly #privateKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.#privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64url');
    this.deviceId = deviceIdOf(this.publicKey);
  }

  /** The rotating code the app shows for a pass at a moment. */
  code(passId: string, at: string): string {
    return this.#signed(deviceSignedPart(APP_CODE_VERSION, this.#claims(passId, at)));
  }

  /** A holder's request about a pass, signed at a moment. */
  request(action: HolderAction, passId: string, at: string): string {
    return this.#signed(deviceSignedPart(HOLDER_REQUEST_VERSION, { ...this.#claims(passId, at), action }));
  }

  #claims(passId: string, at: string): { passId: string; deviceId: string; step: number } {
    return { passId, deviceId: this.deviceId, step: appCodeStepAt(at) };
  }

  #signed(signedPart: string): string {
    const signature = sign('sha256', Buffer.from(signedPart, 'utf8'), {
      key: this.#privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return joinQr(signedPart, signature);
  }
}
