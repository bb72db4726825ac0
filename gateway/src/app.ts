import { SCHEME_ROLES, type SchemeRole } from '@stadspas/chaincode/vocabulary';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { authenticate } from './auth/authenticate';
import type { ClientIdentity } from './auth/client-identity';
import type { KeyStore } from './auth/key-store';
import { rateLimitAnonymous, rateLimitPerClient } from './auth/rate-limit';
import { createSessionStore } from './auth/session-store';
import { errorHandler, unknownRoute } from './errors/error-handler';
import type { CheckpointStore } from './events/checkpoint-store';
import { eventsRoute } from './events/events-route';
import { streamQuota } from './events/stream-quota';
import { mountRoutes } from './http/mount-routes';
import type { AnyRoute } from './http/route-spec';
import type { EventStream, LedgerAdapter } from './ledger/ledger-adapter';
import { meteredLedger } from './ledger/metered-ledger';
import { TypedLedger } from './ledger/typed-ledger';
import { httpMetrics } from './observability/http-metrics';
import type { Metrics } from './observability/metrics';
import { requestLogging } from './observability/request-logging';
import type { CertificateAuthority } from './onboarding/certificate-authority';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { extraOperations } from './openapi/extra-operations';
import { pagesRouter, type PagesDeps } from './pages/pages-router';
import type { PayerAccount } from './payments/credit-transfers';
import { paymentRoutes } from './payments/payment-routes';
import type { QrSigner } from './qr/qr-signer';
import type { QrVerifier } from './qr/qr-verifier';
import { claimRoutes } from './routes/claim-routes';
import { configRoutes } from './routes/config-routes';
import { clientRoutes } from './routes/client-routes';
import { healthRoute } from './routes/health-route';
import { offerRoutes } from './routes/offer-routes';
import { passRoutes } from './routes/pass-routes';
import { deviceRoutes } from './routes/device-routes';
import { redemptionRoutes } from './routes/redemption-routes';
import { venueRoutes } from './routes/venue-routes';
import type { ReadModel } from './read-model/read-model';
import { readModelListings } from './read-model/listings';
import { reportPage } from './reports/report-page';
import { reportRoutes } from './reports/report-routes';
import { offlineRoutes } from './reports/offline-routes';
import type { CertificateExpiry } from './observability/certificate-expiry';
import { registerCertificateMetrics } from './observability/certificate-metrics';
import type { ReadModelListings, ServiceDeps } from './services/service-deps';
import { webhookRoutes } from './webhooks/webhook-routes';
import type { WebhookSettings } from './webhooks/webhook-routes';

/** The base path of the JSON API. */
export const apiBasePath = '/api/v1';

/** Everything the app is built from; `main.ts` makes the real ones, tests make doubles. */
export interface AppDeps {
  readonly org: string;
  readonly mspId: string;
  /** What the organisation does in the scheme (default: every role). */
  readonly roles?: readonly SchemeRole[];
  readonly ledger: LedgerAdapter;
  readonly keyStore: KeyStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly rateLimitPerMinute: number;
  /** Requests per minute per client address without a valid API key (default 60). */
  readonly anonymousRateLimitPerMinute?: number;
  /** Event streams one API key may hold open at once (default 4). */
  readonly maxStreamsPerClient?: number;
  /** Event streams the gateway holds open at once, over all keys (default 100). */
  readonly maxStreams?: number;
  /** How long an event stream's client may leave its connection full before the stream ends (default 30 s). */
  readonly slowStreamClientMs?: number;
  readonly checkpoints: CheckpointStore;
  readonly qrVerifier: QrVerifier;
  readonly qrSigner?: QrSigner | undefined;
  /** The account a payer pays venues from; the payment routes answer NOT_CONFIGURED without it. */
  readonly payerAccount?: PayerAccount | undefined;
  readonly certificateAuthority?: CertificateAuthority | undefined;
  /** The identity the gateway reads with on its own behalf (health). */
  readonly serviceIdentity: ClientIdentity;
  /** Largest accepted JSON body. */
  readonly bodyLimit?: string;
  /** The node's earliest-expiring certificate, for `/health`. */
  readonly earliestCertificate?: (() => CertificateExpiry | undefined) | undefined;
  /** The read model behind the reports; without it there are no report routes. */
  readonly readModel?: ReadModel | undefined;
  /** Webhook registrations and their limits; without them there are no webhook routes. */
  readonly webhooks?: WebhookSettings | undefined;
}

/** The app, plus what shutdown needs. */
export interface GatewayApp {
  readonly express: Express;
  /** The ledger as the app calls it: typed by the vocabulary and metered, composed here once. */
  readonly ledger: TypedLedger;
  /** Ends open event streams, so the server can close. */
  closeStreams(): void;
}

/**
 * Security headers for every answer. The content security policy allows only the gateway's own scripts; styles
 * may be inline because the API documentation page (swagger-ui) sets some. No page may be framed. HSTS (a year)
 * tells a browser to reach the gateway over HTTPS only; a browser heeds it only on an answer over HTTPS, and
 * nothing is upgraded, as a gateway behind a TLS proxy speaks plain HTTP itself.
 */
function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: { frameAncestors: ["'none'"], upgradeInsecureRequests: null },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
}

/** API answers are about ledger state that changes: no cache may keep them. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** The routes that exist only with a read model (reports) or a webhook store. */
function readModelRoutes(
  deps: AppDeps,
  ledger: LedgerAdapter,
  services: ServiceDeps,
  isMunicipality: boolean,
): AnyRoute[] {
  return [
    ...(deps.readModel === undefined ? [] : reportRoutes(deps.readModel, isMunicipality)),
    ...(deps.readModel === undefined ? [] : offlineRoutes(deps.readModel, services, isMunicipality)),
    ...(deps.webhooks === undefined
      ? []
      : webhookRoutes({
          ...deps.webhooks,
          currentBlock: () => ledger.blockHeight(deps.serviceIdentity),
        })),
  ];
}

/** The organisation's pages, on the same services, sessions and read model as the API. */
function pagesOf(
  deps: AppDeps,
  shared: Pick<PagesDeps, 'roles' | 'sessions' | 'services'>,
): ReturnType<typeof pagesRouter> {
  return pagesRouter({
    ...shared,
    org: deps.org,
    keyStore: deps.keyStore,
    serviceIdentity: deps.serviceIdentity,
    anonymousRateLimitPerMinute: deps.anonymousRateLimitPerMinute ?? 60,
    readModel: deps.readModel?.db,
  });
}

/** The listings the read model serves, on a gateway that keeps one. */
function listingsOf(
  deps: AppDeps,
  ledger: LedgerAdapter,
  roles: readonly SchemeRole[],
): ReadModelListings | undefined {
  return deps.readModel === undefined
    ? undefined
    : readModelListings(deps.readModel, {
        roles,
        blockHeight: () => ledger.blockHeight(deps.serviceIdentity),
      });
}

/** Builds the HTTP app of one organisation's gateway. Never starts listening itself. */
export function createApp(deps: AppDeps): GatewayApp {
  if (deps.earliestCertificate !== undefined) {
    registerCertificateMetrics(deps.metrics.registry, deps.earliestCertificate);
  }
  const ledger = meteredLedger(deps.ledger, deps.metrics);
  const typedLedger = new TypedLedger(ledger);
  const roles = deps.roles ?? SCHEME_ROLES;
  const services: ServiceDeps = {
    ledger: typedLedger,
    qrVerifier: deps.qrVerifier,
    qrSigner: deps.qrSigner,
    listings: listingsOf(deps, ledger, roles),
  };
  // The gateway serves its own organisation's clients: what the organisation does decides what they see.
  const isMunicipality = roles.includes('municipality');
  const routes: AnyRoute[] = [
    ...configRoutes(services),
    ...offerRoutes(services),
    ...venueRoutes(services),
    ...passRoutes(services),
    ...deviceRoutes(services),
    ...redemptionRoutes(services),
    ...claimRoutes(services),
    ...(roles.includes('payer') ? paymentRoutes(services, deps.payerAccount) : []),
    ...clientRoutes({ mspId: deps.mspId, roles, keyStore: deps.keyStore, ca: deps.certificateAuthority }),
    ...readModelRoutes(deps, ledger, services, isMunicipality),
  ];
  const sessions = createSessionStore();
  const openStreams = new Set<EventStream>();
  const openApi = buildOpenApiDocument(routes, extraOperations(apiBasePath), {
    title: `Stadspas gateway (${deps.org})`,
    version: '1',
    basePath: apiBasePath,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  app.use(requestLogging(deps.logger));
  app.use(httpMetrics(deps.metrics));

  app.get(
    '/health',
    healthRoute({
      org: deps.org,
      mspId: deps.mspId,
      ledger,
      identity: deps.serviceIdentity,
      readModel: deps.readModel,
      earliestCertificate: deps.earliestCertificate,
    }),
  );
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApi));
  if (deps.readModel !== undefined) {
    app.use('/reports', rateLimitAnonymous(deps.keyStore, deps.anonymousRateLimitPerMinute ?? 60, sessions));
    app.use('/reports', reportPage(deps.readModel, authenticate(deps.keyStore, sessions), isMunicipality));
  }

  const api = express.Router();
  api.use(noStore);
  api.use(rateLimitAnonymous(deps.keyStore, deps.anonymousRateLimitPerMinute ?? 60, sessions));
  api.use(authenticate(deps.keyStore, sessions));
  api.use(rateLimitPerClient(deps.rateLimitPerMinute));
  api.use(express.json({ limit: deps.bodyLimit ?? '512kb', strict: true }));
  api.get(
    '/events',
    eventsRoute({
      ledger,
      checkpoints: deps.checkpoints,
      openStreams,
      quota: streamQuota({ perClient: deps.maxStreamsPerClient ?? 4, perGateway: deps.maxStreams ?? 100 }),
      municipality: isMunicipality,
      slowClientMs: deps.slowStreamClientMs,
    }),
  );
  mountRoutes(api, routes);
  app.use(apiBasePath, api);
  app.use(pagesOf(deps, { roles, sessions, services }));

  app.use(unknownRoute);
  app.use(errorHandler(deps.logger));

  return {
    express: app,
    ledger: typedLedger,
    closeStreams: (): void => {
      for (const stream of openStreams) {
        stream.close();
      }
    },
  };
}
