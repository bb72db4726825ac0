import { connect } from 'node:net';
import { fetchTrusting, type ClientCertificate } from './trusted-fetch';

/** True when an HTTP GET of the URL answers 200; an HTTPS URL's certificate must come from the given CA. */
export async function httpOk(url: string, caPath?: string): Promise<boolean> {
  try {
    const response = await fetchTrusting(caPath)(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** True when something accepts TCP connections on host:port (loopback by default). */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/** Where a node's operations endpoint is and how to reach it: HTTPS with a client certificate of its organisation. */
export interface OperationsEndpoint {
  /** host:port */
  readonly endpoint: string;
  /** The TLS CA its certificate comes from. */
  readonly caPath: string;
  readonly client: ClientCertificate;
}

/** A channel's value of a Prometheus metric at an operations endpoint, or undefined when unavailable. */
export async function channelMetric(
  operations: OperationsEndpoint,
  name: string,
  channel: string,
): Promise<number | undefined> {
  try {
    const get = fetchTrusting(operations.caPath, operations.client);
    const response = await get(`https://${operations.endpoint}/metrics`, {
      signal: AbortSignal.timeout(2_000),
    });
    const match = new RegExp(`^${name}\\{channel="${channel}"\\} (\\d+)`, 'm').exec(await response.text());
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}
