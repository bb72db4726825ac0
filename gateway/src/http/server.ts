import { readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Logger } from 'pino';

/** The certificate and key a gateway serves HTTPS with. */
export interface ServerTls {
  readonly certPath: string;
  readonly keyPath: string;
}

/** How often a gateway looks whether its certificate was renewed on disk. */
const CERTIFICATE_CHECK_MS = 10_000;

/** A listening server, and how to stop watching its certificate. */
export interface GatewayServer {
  readonly server: Server;
  readonly scheme: 'http' | 'https';
  /** Stops watching the certificate (the server itself is closed by its owner). */
  unwatch(): void;
}

function changedAt(path: string): number {
  return statSync(path).mtimeMs;
}

function secureContextOf(tls: ServerTls): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) };
}

/**
 * The gateway's server: HTTPS with the given certificate, or plain HTTP without one (behind a TLS proxy). A
 * certificate renewed on disk (`npm run node -- renew` moves a new one in place) is served to the next
 * connections without a restart.
 */
export function gatewayServer(
  app: RequestListener,
  tls: ServerTls | undefined,
  logger: Logger,
  checkEveryMs = CERTIFICATE_CHECK_MS,
): GatewayServer {
  if (tls === undefined) {
    return { server: createHttpServer(app), scheme: 'http', unwatch: () => undefined };
  }
  const server = createHttpsServer(secureContextOf(tls), app);
  let loaded = changedAt(tls.certPath);
  const timer = setInterval(() => {
    try {
      const now = changedAt(tls.certPath);
      if (now !== loaded) {
        server.setSecureContext(secureContextOf(tls));
        loaded = now;
        logger.info({ certPath: tls.certPath }, 'serving the renewed TLS certificate');
      }
    } catch (error) {
      logger.warn({ err: error, certPath: tls.certPath }, 'the TLS certificate could not be reloaded');
    }
  }, checkEveryMs);
  timer.unref();
  return {
    server,
    scheme: 'https',
    unwatch: () => {
      clearInterval(timer);
    },
  };
}
