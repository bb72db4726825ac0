import { connect } from 'node:net';

/** True when an HTTP GET of the URL answers 200. */
export async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
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

/** A channel's value of a Prometheus metric at an operations endpoint (host:port), or undefined when unavailable. */
export async function channelMetric(
  endpoint: string,
  name: string,
  channel: string,
): Promise<number | undefined> {
  try {
    const response = await fetch(`http://${endpoint}/metrics`, { signal: AbortSignal.timeout(2_000) });
    const match = new RegExp(`^${name}\\{channel="${channel}"\\} (\\d+)`, 'm').exec(await response.text());
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}
