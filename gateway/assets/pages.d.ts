// What the pages' scripts share through `window`, for checking them with tsc (checkJs). pages.js defines
// `window.Stadspas`; the gateway's words script defines `window.stadspasWords`; jsQR defines `window.jsQR`.

/** An answer of the gateway's API as the pages read it: its JSON body as sent. */
interface ApiAnswer {
  readonly ok: boolean;
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body, read field by field
  readonly body: any;
}

/** Attributes of an element built with `el`: absent when undefined or false, bare when true. */
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

interface StadspasPages {
  t(key: string, params?: Readonly<Record<string, string | number>>): string;
  state(value: string): string;
  readonly locale: string;
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Readonly<Record<string, string>>,
    timeoutMs?: number,
  ): Promise<ApiAnswer>;
  refusal(answer: unknown): string;
  el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attributes?: Attributes,
    ...children: (Node | string)[]
  ): HTMLElementTagNameMap[K];
  byId<T extends HTMLElement = HTMLElement>(id: string, type?: new () => T): T;
  find(selector: string): Element;
  say(element: Element, text: string, kind?: string): void;
  fillRows(tbody: Element, rows: readonly Element[], emptyText: string): void;
  newKey(): string;
  cents(text: string): number;
  amount(value: number, unit: string): string;
  date(iso: string): string;
  dayStart(date: string, plusDays?: number): string;
  lastDay(iso: string): string;
  newestFirst(
    path: () => string,
    older: HTMLButtonElement,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- listed records, read field by field
    show: (items: any[]) => void,
    refused: (answer: unknown) => void,
  ): () => Promise<void>;
  /** Set by a page that takes a card's code read by the camera. */
  onCardCode?: (code: string) => void;
  /** The counter without a connection (counter-offline.js), on the scanner page. */
  offline?: OfflineCounter;
}

/** A booking an offline counter queued, and what the ledger answered it once settled. */
interface QueuedBooking {
  readonly key: string;
  readonly qr: string;
  readonly passId: string;
  readonly offerId: string;
  readonly offerName: string;
  readonly quantity?: number;
  readonly amountCents?: number;
  readonly offlineAt: string;
}
interface SettledBooking extends QueuedBooking {
  readonly outcome: 'settled' | 'overdrawn' | 'refused';
  readonly detail?: string;
  readonly units?: number;
}

interface OfflineCounter {
  refreshKit(): Promise<void>;
  check(qr: string): Promise<{
    passId: string;
    presented: 'card' | 'app';
    checkedAt: string;
    offers: readonly OfferRecord[];
  }>;
  queue(booking: QueuedBooking): void;
  settle(): Promise<'done' | 'offline' | 'signIn'>;
  queued(): QueuedBooking[];
  results(): SettledBooking[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the kit as the API sent it, read field by field
  kit(): any;
}

interface Window {
  Stadspas: StadspasPages;
  readonly stadspasWords: { readonly locale: string; readonly messages: Readonly<Record<string, string>> };
  jsQR(
    data: Uint8ClampedArray,
    width: number,
    height: number,
    options?: { inversionAttempts?: string },
  ): { data: string } | null;
  /** The QR code writer (qrcode-generator), for the holder's app. */
  qrcode(
    typeNumber: number,
    errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H',
  ): {
    addData(data: string): void;
    make(): void;
    getModuleCount(): number;
    isDark(row: number, column: number): boolean;
  };
}

/** Records and views of the API, as the chaincode's vocabulary defines them. */
type VoucherView = import('@stadspas/chaincode/vocabulary').VoucherView;
type ScanView = import('@stadspas/chaincode/vocabulary').ScanView;
type RedemptionRecord = import('@stadspas/chaincode/vocabulary').RedemptionRecord;
type ClaimRecord = import('@stadspas/chaincode/vocabulary').ClaimRecord;
type OfferRecord = import('@stadspas/chaincode/vocabulary').OfferRecord;
type VenueRecord = import('@stadspas/chaincode/vocabulary').VenueRecord;
type PassView = import('@stadspas/chaincode/vocabulary').PassView;
type BookingInput = import('@stadspas/chaincode/vocabulary').BookingInput;
type OfferKindRules = import('@stadspas/chaincode/vocabulary').OfferKindRules;
/** The pass as the holder's app reads it (the gateway's holder view), and when. */
type AppPassView = import('../src/pages/holder-view').HolderView & { readonly asOf: string };
