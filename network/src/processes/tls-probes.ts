import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';

/** The TLS files a probe trusts (`ca`) and, where the server asks for one, presents (`cert`, `key`). */
export interface ProbeTls {
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
}

const PROBE_TIMEOUT_MS = 2_000;

/**
 * The name the TLS server certificates are checked against (they carry both `localhost` and
 * `127.0.0.1`): TLS may not send an IP address as the server name.
 */
export const TLS_NAME = { 'grpc.ssl_target_name_override': 'localhost' } as const;

function readOptional(file: string | undefined): Buffer | undefined {
  return file === undefined ? undefined : readFileSync(file);
}

/**
 * True once a gRPC client can open a TLS connection to the endpoint (`host:port`) and agree on HTTP/2 with it,
 * verifying the server's certificate against the CA: what the peer CLI, the peers and the gateway
 * client do next. A node's operations port answers long before this listener is open.
 */
export async function grpcTlsReady(endpoint: string, tls: ProbeTls): Promise<boolean> {
  let client: grpc.Client;
  try {
    const credentials = grpc.credentials.createSsl(
      readFileSync(tls.ca),
      readOptional(tls.key),
      readOptional(tls.cert),
    );
    client = new grpc.Client(endpoint, credentials, TLS_NAME);
  } catch {
    return false; // the certificates are not written yet
  }
  try {
    return await new Promise<boolean>((resolve) => {
      client.waitForReady(Date.now() + PROBE_TIMEOUT_MS, (error) => {
        resolve(error === undefined);
      });
    });
  } finally {
    client.close();
  }
}

/**
 * True when an HTTPS GET of the path on the endpoint (`host:port`) answers 200 over a verified TLS connection,
 * presenting the client certificate when one is given (the orderer's admin endpoint requires one).
 */
export async function httpsOk(endpoint: string, path: string, tls: ProbeTls): Promise<boolean> {
  let options: RequestOptions;
  try {
    const { hostname, port } = new URL(`https://${endpoint}`);
    options = {
      host: hostname,
      port,
      // The certificates carry `localhost` too; TLS may not send an IP address as the server name.
      servername: 'localhost',
      path,
      ca: readFileSync(tls.ca),
      cert: readOptional(tls.cert),
      key: readOptional(tls.key),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    };
  } catch {
    return false;
  }
  return new Promise<boolean>((resolve) => {
    const req = request(options, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    // Whatever ends the request without an answer (refusal, failed handshake, time-out) means not ready.
    req.once('error', () => {
      resolve(false);
    });
    req.once('close', () => {
      resolve(false);
    });
    req.end();
  });
}
