import {
  createOfferRequest,
  registerVenueRequest,
  setConfigRequest,
  type ConfigRecord,
  type DiscountNormRecord,
  type HolderRecord,
  type OfferRecord,
  type PassRecord,
  type VenueRecord,
  type VoucherRecord,
} from '@stadspas/chaincode/vocabulary';
import { endpointOf, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { fetchTrusting } from '../processes/trusted-fetch';
import {
  apiKeyOf,
  fieldsFor,
  ImportError,
  recordsOf,
  requireExport,
  restOf,
  type Rest,
} from './export-files';

export { ImportError } from './export-files';

/** Where an import reads the export, and as whom it calls the organisation's gateway. */
export interface ImportOptions {
  /** The folder an export wrote. */
  readonly from: string;
  /** An API key of the organisation's admin; default the one in the organisation's clients file. */
  readonly apiKey?: string;
  /** Passes per `POST /passes/import` (at most 500). */
  readonly batchSize?: number;
  readonly progress?: (message: string) => void;
}

/** Passes per request by default, and at most (the chaincode's batch limit). */
const DEFAULT_BATCH = 250;
const MAX_BATCH = 500;

/** @throws Error for a batch size the gateway would refuse. */
function requireBatchSize(size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) {
    throw new Error(
      `--batch must be a whole number of passes from 1 to ${String(MAX_BATCH)}, not ${String(size)}`,
    );
  }
}

/** What one step of an import did. */
export interface ImportStep {
  readonly step: string;
  readonly done: number;
  /** Records already there (an import run again), or not this organisation's to carry in. */
  readonly skipped: number;
}

/** The ledger-wide settings, unless the ledger has its own already; refused when its pass year differs. */
async function importConfig(rest: Rest, from: string): Promise<ImportStep> {
  const [config] = recordsOf<ConfigRecord>(from, 'config');
  const current = await rest.call<ConfigRecord>('GET', '/config');
  if (config === undefined || !config.initialised) {
    return { step: 'settings', done: 0, skipped: 1 };
  }
  if (current.initialised) {
    if (current.passYearStart !== config.passYearStart) {
      throw new ImportError(
        'CONFLICT',
        `this ledger's pass year starts ${current.passYearStart}, the export's ${config.passYearStart}: the balances' periods would not match`,
      );
    }
    return { step: 'settings', done: 0, skipped: 1 };
  }
  await rest.call('PUT', '/config', fieldsFor(setConfigRequest, config));
  return { step: 'settings', done: 1, skipped: 0 };
}

async function importNorm(rest: Rest, from: string, org: Organisation): Promise<ImportStep> {
  const norm = recordsOf<DiscountNormRecord>(from, 'discount-norms').find(
    (n) => n.municipalityMspId === org.mspId,
  );
  if (norm === undefined) {
    return { step: 'discount norm', done: 0, skipped: 0 };
  }
  await rest.call('PUT', '/config/discount-norm', { discountPercent: norm.discountPercent });
  return { step: 'discount norm', done: 1, skipped: 0 };
}

async function importVenues(rest: Rest, from: string): Promise<ImportStep> {
  const present = new Set((await rest.call<VenueRecord[]>('GET', '/venues')).map((v) => v.venueId));
  const missing = recordsOf<VenueRecord>(from, 'venues').filter((v) => !present.has(v.venueId));
  for (const venue of missing) {
    await rest.call('POST', '/venues', fieldsFor(registerVenueRequest, venue));
  }
  return { step: 'venues', done: missing.length, skipped: present.size };
}

async function importOffers(rest: Rest, from: string, org: Organisation): Promise<ImportStep> {
  const present = new Set((await rest.call<OfferRecord[]>('GET', '/offers')).map((o) => o.offerId));
  const own = recordsOf<OfferRecord>(from, 'offers').filter((o) => o.funderMspId === org.mspId);
  const missing = own.filter((o) => !present.has(o.offerId));
  for (const offer of missing) {
    await rest.call('POST', '/offers', fieldsFor(createOfferRequest, offer));
    if (offer.status === 'retired') {
      await rest.call('POST', `/offers/${encodeURIComponent(offer.offerId)}/retire`);
    }
  }
  return { step: 'offers', done: missing.length, skipped: own.length - missing.length };
}

async function importBankAccounts(rest: Rest, from: string, org: Organisation): Promise<ImportStep> {
  const own = recordsOf<VenueRecord>(from, 'venues').filter((v) => v.mspId === org.mspId && v.bankAccount);
  for (const venue of own) {
    const { iban, accountHolder } = venue.bankAccount ?? { iban: '', accountHolder: '' };
    await rest.call('PUT', `/venues/${encodeURIComponent(venue.venueId)}/bank-account`, {
      iban,
      accountHolder,
    });
  }
  return { step: 'bank accounts', done: own.length, skipped: 0 };
}

interface ImportItem {
  readonly passId: string;
  readonly holder?: { salt: string; cardNumber: string; personalData: unknown };
  readonly [field: string]: unknown;
}

/** Each pass of the municipality that holds its own balance (a replaced pass's moved on), as the import takes it. */
function passItems(from: string, org: Organisation): { items: ImportItem[]; replaced: number } {
  const passes = recordsOf<PassRecord>(from, 'passes').filter((p) => p.municipalityMspId === org.mspId);
  const holders = new Map(recordsOf<HolderRecord>(from, 'holders').map((h) => [h.passId, h]));
  const balances = new Map<string, object[]>();
  for (const { passId, offerId, periodKey, granted, used, bookings } of recordsOf<VoucherRecord>(
    from,
    'vouchers',
  )) {
    balances.set(passId, [
      ...(balances.get(passId) ?? []),
      { offerId, periodKey, granted, used, ...(bookings === undefined ? {} : { bookings }) },
    ]);
  }
  const current = passes.filter((p) => p.status !== 'replaced');
  const items = current.map((pass): ImportItem => {
    const holder = holders.get(pass.passId);
    return {
      passId: pass.passId,
      category: pass.category,
      validFrom: pass.validFrom,
      validUntil: pass.validUntil,
      holderRef: pass.holderRef,
      status: pass.status,
      ...(pass.blockedReason === undefined ? {} : { blockedReason: pass.blockedReason }),
      issuedAt: pass.issuedAt,
      ...(holder?.cardNumber === undefined
        ? { holderErased: true }
        : {
            holder: { salt: holder.salt, cardNumber: holder.cardNumber, personalData: holder.personalData },
          }),
      openingBalances: balances.get(pass.passId) ?? [],
    };
  });
  return { items, replaced: passes.length - current.length };
}

/** Refuses passes whose balances name offers this ledger does not have yet, naming who must carry them in. */
async function requireOffers(rest: Rest, from: string, items: readonly ImportItem[]): Promise<void> {
  const present = new Set((await rest.call<OfferRecord[]>('GET', '/offers')).map((o) => o.offerId));
  const funders = new Map(recordsOf<OfferRecord>(from, 'offers').map((o) => [o.offerId, o.funderMspId]));
  const missing = new Set(
    items.flatMap((item) => (item.openingBalances as { offerId: string }[]).map((b) => b.offerId)),
  );
  for (const offerId of present) {
    missing.delete(offerId);
  }
  if (missing.size > 0) {
    const named = [...missing].sort().map((id) => `${id} (${funders.get(id) ?? 'unknown funder'})`);
    throw new ImportError(
      'NOT_FOUND',
      `the balances name offers this ledger lacks: ${named.join(', ')}; each funder imports its own offers first`,
    );
  }
}

/** Sends one batch; a pass already here takes its balances without its holder, which stays as recorded. */
async function importBatch(rest: Rest, batch: readonly ImportItem[]): Promise<number> {
  try {
    return (await rest.call<{ openingBalances: number }>('POST', '/passes/import', { passes: batch }))
      .openingBalances;
  } catch (error) {
    if (!(error instanceof ImportError) || error.code !== 'ALREADY_EXISTS') {
      throw error;
    }
  }
  const here = await Promise.all(
    batch.map((item) =>
      rest.call('GET', `/passes/${encodeURIComponent(item.passId)}`).then(
        () => true,
        () => false,
      ),
    ),
  );
  const withoutHolder = (item: ImportItem): ImportItem =>
    Object.fromEntries(
      Object.entries(item).filter(([key]) => key !== 'holder' && key !== 'holderErased'),
    ) as ImportItem;
  const again = batch.map((item, i) => (here[i] === true ? withoutHolder(item) : item));
  return (await rest.call<{ openingBalances: number }>('POST', '/passes/import', { passes: again }))
    .openingBalances;
}

async function importPasses(
  rest: Rest,
  from: string,
  org: Organisation,
  options: ImportOptions,
): Promise<ImportStep[]> {
  const { items, replaced } = passItems(from, org);
  await requireOffers(rest, from, items);
  const size = options.batchSize ?? DEFAULT_BATCH;
  let balances = 0;
  for (let i = 0; i < items.length; i += size) {
    balances += await importBatch(rest, items.slice(i, i + size));
    options.progress?.(`passes: ${String(Math.min(i + size, items.length))} of ${String(items.length)}`);
  }
  return [
    { step: 'passes', done: items.length, skipped: replaced },
    { step: 'opening balances', done: balances, skipped: 0 },
  ];
}

/**
 * Carries an export into this organisation's books through its own gateway, as its admin, each part by the
 * organisation whose it is: a municipality its settings, discount norm, the venues, its own offers and its passes
 * with their holders and opening balances; a payer its offers; a venues organisation its venues' bank accounts.
 * Each step skips what is already there, so an import can run again after a failure; passes whose balances name
 * another funder's offers wait until that funder imported them.
 * @throws ImportError with the gateway's code when it refuses a step; Error for a folder that is no export or a
 * batch size outside 1 to 500, before anything is sent.
 */
export async function importBooks(
  ctx: NetworkContext,
  org: Organisation,
  options: ImportOptions,
): Promise<ImportStep[]> {
  requireExport(options.from);
  requireBatchSize(options.batchSize ?? DEFAULT_BATCH);
  const url = `https://${endpointOf(org, org.ports.gateway)}`;
  const rest = restOf(
    url,
    options.apiKey ?? apiKeyOf(ctx, org),
    fetchTrusting(ctx.paths.org(org).publicOf(org).tlsCaCert),
  );
  const steps: ImportStep[] = [];
  const run = async (step: Promise<ImportStep | ImportStep[]>): Promise<void> => {
    const done = await step;
    for (const s of Array.isArray(done) ? done : [done]) {
      steps.push(s);
      options.progress?.(`${s.step}: ${String(s.done)} carried in, ${String(s.skipped)} skipped`);
    }
  };
  if (org.roles.includes('municipality')) {
    await run(importConfig(rest, options.from));
    await run(importNorm(rest, options.from, org));
    await run(importVenues(rest, options.from));
  }
  if (org.roles.includes('municipality') || org.roles.includes('payer')) {
    await run(importOffers(rest, options.from, org));
  }
  if (org.roles.includes('venues')) {
    await run(importBankAccounts(rest, options.from, org));
  }
  if (org.roles.includes('municipality')) {
    await run(importPasses(rest, options.from, org, options));
  }
  return steps;
}
