import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  adminClientOf,
  createEntriesOffer,
  enrolledCredentials,
  ensureConfigured,
  issueAdultPasses,
  municipalityCards,
  openGateway,
  organisationWithRole,
  registerVenue,
  type ClientsFile,
  type GatewayEntry,
  type GatewaySession,
  type NetworkContext,
  type Organisation,
} from '@stadspas/network';
import { onboardVenueClient, type OnboardedVenueClient } from './onboarding';

/** What a benchmark run made for itself on the ledger, and the clients it calls with. */
export interface BenchFixture {
  readonly runId: string;
  readonly venueId: string;
  readonly offerId: string;
  /** The cards (QR payloads) of the run's passes. */
  readonly cards: readonly string[];
  /** The venue's own client, onboarded for this run; the direct client signs as its identity. */
  readonly venueClient: OnboardedVenueClient;
  /**
   * API keys of the venue's scanners (the first is the venue client's), used in turn: each key is held to
   * the gateway's per-key rate limit, as a venue with several scanners would be.
   */
  readonly restKeys: readonly string[];
  /** The venues' gateway: its address and the TLS CA its certificate comes from. */
  readonly venuesGateway: GatewayEntry;
  /** The municipality's admin at the municipality's peer (it issues, registers, funds). */
  readonly municipality: GatewaySession;
  /** The run's venue at the venues' peer. */
  readonly venue: GatewaySession;
  /** Organisations by their role in the scheme. */
  readonly orgs: { readonly municipality: Organisation; readonly venues: Organisation };
  close(): void;
}

/** Options of {@link setUpBench}. */
export interface BenchSetupOptions {
  readonly passes: number;
  /** Clients of the venue to onboard at its gateway, each with its own API key. */
  readonly restClients: number;
  /** Entries a year on each pass: enough for every redemption the run books. */
  readonly entries: number;
  readonly progress: (line: string) => void;
}

function adminOf(clients: ClientsFile, org: Organisation): string {
  const admin = clients.clients.find((c) => c.org === org.name && c.role === 'admin');
  if (admin === undefined) {
    throw new Error(`clients.json holds no admin of ${org.name}`);
  }
  return admin.apiKey;
}

/** A run id: base-36 time and random hex, lower case, so it fits every id pattern. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

/**
 * Sets up everything a run books on, as its own: a venue registered by the municipality and onboarded at the
 * venues' gateway (an API key, and the same identity for the direct client), an offer for that venue funded
 * by the municipality, and passes with their holders recorded. Nothing of the demo data is used or changed.
 * @throws Error when clients.json lacks an organisation's admin or a gateway; whatever the gateways throw.
 */
export async function setUpBench(ctx: NetworkContext, options: BenchSetupOptions): Promise<BenchFixture> {
  const clients = JSON.parse(readFileSync(ctx.paths.clientsFile, 'utf8')) as ClientsFile;
  const orgs = {
    municipality: organisationWithRole(ctx.network, 'municipality'),
    venues: organisationWithRole(ctx.network, 'venues'),
  };
  const venuesGateway = clients.gateways[orgs.venues.name];
  if (venuesGateway === undefined) {
    throw new Error(`clients.json names no gateway of ${orgs.venues.name}`);
  }
  const runId = newRunId();
  const venueId = `bench-${runId}`;
  const offerId = `bench-${runId}`;
  const municipality = openGateway(
    ctx,
    orgs.municipality,
    enrolledCredentials(ctx, orgs.municipality, adminClientOf(orgs.municipality).name),
  );
  try {
    await ensureConfigured(municipality.contract);
    options.progress(
      `registering venue ${venueId} and onboarding ${options.restClients} clients of it at ${venuesGateway.url}`,
    );
    await registerVenue(municipality.contract, { venueId, name: `Benchmark venue ${runId}` });
    const venueClients: OnboardedVenueClient[] = [];
    for (let i = 0; i < Math.max(1, options.restClients); i += 1) {
      const name = i === 0 ? venueId : `${venueId}-s${i}`;
      venueClients.push(
        await onboardVenueClient(ctx, orgs.venues, venuesGateway, adminOf(clients, orgs.venues), {
          name,
          venueId,
        }),
      );
    }
    const [venueClient] = venueClients as [OnboardedVenueClient, ...OnboardedVenueClient[]];
    options.progress(`creating offer ${offerId} and ${options.passes} passes with their holders`);
    await createEntriesOffer(municipality.contract, {
      offerId,
      venueIds: [venueId],
      entries: options.entries,
    });
    const passIds = Array.from({ length: options.passes }, (_, i) => `BENCH-${runId}-${i}`);
    await issueAdultPasses(municipality.contract, passIds);
    const cardOf = await municipalityCards(ctx, municipality.contract);
    const venue = openGateway(ctx, orgs.venues, venueClient.credentials);
    return {
      runId,
      venueId,
      offerId,
      cards: passIds.map(cardOf),
      venueClient,
      restKeys: venueClients.map((c) => c.apiKey),
      venuesGateway,
      municipality,
      venue,
      orgs,
      close: () => {
        venue.close();
        municipality.close();
      },
    };
  } catch (error) {
    municipality.close();
    throw error;
  }
}
