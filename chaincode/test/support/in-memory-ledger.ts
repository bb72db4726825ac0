import { Context, type Contract } from 'fabric-contract-api';
import { contracts } from '../../src';
import { toBytes } from '../../src/ledger/json';
import {
  CARD_TRANSIENT_KEY,
  type RedeemRequest,
  type RedeemResponse,
  type RequestOf,
  type ResponseOf,
  type ScanView,
  type SchemeOrganisation,
  type TransactionName,
} from '../../src/vocabulary';
import { createCompositeKey } from './composite-keys';
import { FakeStub } from './fake-stub';
import type { TestIdentity } from './identities';
import { WorldState } from './world-state';

/** The scheme of the city's network, as its deployment sets it up. */
export const CITY: readonly SchemeOrganisation[] = [
  {
    mspId: 'GemeenteMSP',
    name: 'Gemeente Groningen',
    roles: ['municipality'],
    personalDataCollection: 'gemeentePersonalData',
  },
  { mspId: 'SVBMSP', name: 'Sociale Verzekeringsbank', roles: ['payer'] },
  { mspId: 'VenuesMSP', name: 'Venues', roles: ['venues'] },
];

/** The city's scheme with a second municipality. */
export const REGION: readonly SchemeOrganisation[] = [
  ...CITY,
  {
    mspId: 'WesterkwartierMSP',
    name: 'Gemeente Westerkwartier',
    roles: ['municipality'],
    personalDataCollection: 'westerkwartierPersonalData',
  },
];

/** A booking as a venue's client makes it: the request, and the card's QR payload that goes in the transient map. */
export type CardBooking = RedeemRequest & { readonly qr?: string };

/** A committed chaincode event. */
export interface CommittedEvent {
  readonly txId: string;
  readonly name: string;
  readonly payload: unknown;
}

type TransactionFunction = (ctx: Context, ...args: string[]) => Promise<string>;

/**
 * An in-memory network of one channel with the Stadspas chaincode: submits run a contract function
 * and commit its writes only when it succeeds; evaluates never commit. Time and transaction ids are
 * under the test's control.
 */
export class InMemoryLedger {
  readonly world = new WorldState({
    gemeentePersonalData: ['GemeenteMSP'],
    westerkwartierPersonalData: ['WesterkwartierMSP'],
  });
  readonly events: CommittedEvent[] = [];
  /**
   * Keys read (range scans as `prefix*`), how many entries its scans returned, and keys written by the last
   * committed transaction.
   */
  lastKeys: { read: string[]; gets: string[]; scanned: number; written: string[] } = {
    read: [],
    gets: [],
    scanned: 0,
    written: [],
  };
  readonly #contracts = new Map<string, Contract>(
    contracts.map((ContractClass) => {
      const contract = new ContractClass();
      return [contract.getName(), contract];
    }),
  );
  #millis: number;
  #peerClockSkewMs = 0;
  #txCount = 0;

  /**
   * @param start the transaction time of the first call
   * @param scheme the scheme the ledger starts with (default: the city's three organisations), or `null`
   * for a ledger whose scheme is not set up yet
   */
  constructor(start = '2026-03-02T09:00:00.000Z', scheme: readonly SchemeOrganisation[] | null = CITY) {
    this.#millis = Date.parse(start);
    if (scheme !== null) {
      const record = { organisations: scheme, version: 1, updatedAt: start };
      const writes = new Map([[createCompositeKey('scheme', ['current']), toBytes(record)]]);
      this.world.commit({ txId: 'genesis', millis: this.#millis, writes, privateWrites: new Map() });
    }
  }

  /** The transaction time of the next call. */
  now(): string {
    return new Date(this.#millis).toISOString();
  }

  setTime(iso: string): void {
    this.#millis = Date.parse(iso);
  }

  advanceSeconds(seconds: number): void {
    this.#millis += seconds * 1000;
  }

  /**
   * How far the endorsing peer's clock is from the transaction time the clients write (default 0: the same), as
   * with a client that dates its proposals itself.
   */
  setPeerClockSkew(seconds: number): void {
    this.#peerClockSkewMs = seconds * 1000;
  }

  /** The id the next transaction gets. */
  nextTxId(): string {
    return `tx${String(this.#txCount + 1).padStart(6, '0')}`;
  }

  /** Submits a transaction with a typed request; commits on success. */
  async submit<T extends TransactionName>(
    who: TestIdentity,
    name: T,
    request: RequestOf<T>,
    transient: Record<string, unknown> = {},
  ): Promise<ResponseOf<T>> {
    const args = request === undefined ? [] : [JSON.stringify(request)];
    return JSON.parse(await this.invoke(who, name, args, { commit: true, transient })) as ResponseOf<T>;
  }

  /** Evaluates a query with a typed request; never commits. */
  async evaluate<T extends TransactionName>(
    who: TestIdentity,
    name: T,
    request: RequestOf<T>,
    transient: Record<string, unknown> = {},
  ): Promise<ResponseOf<T>> {
    const args = request === undefined ? [] : [JSON.stringify(request)];
    return JSON.parse(await this.invoke(who, name, args, { commit: false, transient })) as ResponseOf<T>;
  }

  /** Books as a venue's client does: the card's QR payload (if any) in the transient map, the rest as the request. */
  async redeem(who: TestIdentity, booking: CardBooking): Promise<RedeemResponse> {
    const { qr, ...request } = booking;
    return this.submit(
      who,
      'redemptions:Redeem',
      request,
      qr === undefined ? {} : { [CARD_TRANSIENT_KEY]: qr },
    );
  }

  /** Scans a card as a venue's client does: its QR payload in the transient map. */
  async scan(who: TestIdentity, qr: string): Promise<ScanView> {
    return this.evaluate(who, 'redemptions:Scan', undefined, { [CARD_TRANSIENT_KEY]: qr });
  }

  /** Runs any transaction with raw string arguments, e.g. malformed JSON. */
  async invoke(
    who: TestIdentity,
    name: string,
    args: string[],
    options: {
      commit: boolean;
      transient: Record<string, unknown>;
      /** The organisation of the endorsing peer (default: the caller's own). */
      peerMspId?: string;
    },
  ): Promise<string> {
    const [contractName = '', functionName = ''] = name.split(':');
    const contract = this.#contracts.get(contractName);
    const fn = (contract as unknown as Record<string, unknown> | undefined)?.[functionName];
    if (contract === undefined || typeof fn !== 'function') {
      throw new Error(`no transaction ${name}`);
    }
    this.#txCount += 1;
    const stub = new FakeStub(this.world, {
      txId: `tx${String(this.#txCount).padStart(6, '0')}`,
      millis: this.#millis,
      creatorMspId: who.getMSPID(),
      ...(options.peerMspId === undefined ? {} : { peerMspId: options.peerMspId }),
      transient: new Map(
        // Text goes as it is (a card's code); anything else as JSON (holders).
        Object.entries(options.transient).map(([key, value]) => [
          key,
          Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
        ]),
      ),
    });
    const ctx = Object.assign(new Context(), { stub, clientIdentity: who });
    // As the shim does: the contract's hook first, on a peer whose clock reads the test's time plus its skew.
    const peerClock = jest.spyOn(Date, 'now').mockReturnValue(this.#millis + this.#peerClockSkewMs);
    let result: string;
    try {
      await contract.beforeTransaction(ctx);
      result = await (fn as TransactionFunction).call(contract, ctx, ...args);
    } finally {
      peerClock.mockRestore();
    }
    if (options.commit) {
      this.#commit(name, stub);
    }
    return result;
  }

  /** Commits a transaction's writes and its event, as a peer would after validation. */
  #commit(name: string, stub: FakeStub): void {
    const writeSet = stub.writeSet();
    const writes = writeSet.writes.size + writeSet.privateWrites.size;
    // Fabric keeps only the last event of a transaction: a write must emit exactly one.
    if (stub.eventCount > 1 || (writes > 0 && stub.eventCount === 0)) {
      throw new Error(`${name} emitted ${stub.eventCount} events for ${writes} writes`);
    }
    this.world.commit(writeSet);
    this.lastKeys = {
      read: [...stub.keysRead],
      gets: [...stub.stateReads],
      scanned: stub.entriesScanned,
      written: [...writeSet.writes.keys()],
    };
    if (stub.event !== undefined) {
      this.events.push({
        txId: stub.getTxID(),
        name: stub.event.name,
        payload: JSON.parse(Buffer.from(stub.event.payload).toString('utf8')),
      });
    }
  }

  /** The event of the last committed transaction that emitted one. */
  lastEvent(): CommittedEvent | undefined {
    return this.events.at(-1);
  }
}
