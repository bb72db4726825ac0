import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';

/** The fetch function of `undici`, which the gateways' clients here use. */
export type Fetch = typeof fetch;

/** A client certificate and key (PEM files) to show a server that asks for one. */
export interface ClientCertificate {
  readonly certPath: string;
  readonly keyPath: string;
}

const agents = new Map<string, Agent>();

/**
 * A fetch that trusts, besides the system's certificate authorities, the one in the PEM file (an organisation's
 * TLS CA, which issues its gateway's and nodes' certificates), and shows the client certificate when given one;
 * without a file, the system's only. The files are read once per process.
 */
export function fetchTrusting(caPath: string | undefined, client?: ClientCertificate): Fetch {
  if (caPath === undefined) {
    return fetch;
  }
  const key = `${caPath}|${client?.certPath ?? ''}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = new Agent({
      connect: {
        ca: [...rootCertificates, readFileSync(caPath, 'utf8')],
        ...(client === undefined
          ? {}
          : { cert: readFileSync(client.certPath), key: readFileSync(client.keyPath) }),
      },
    });
    agents.set(key, agent);
  }
  const dispatcher = agent;
  return (input, init) => fetch(input, { ...init, dispatcher });
}
