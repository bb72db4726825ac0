import { readFileSync } from 'node:fs';
import type { ClientsFile } from '@stadspas/network';
import type { Headers } from 'undici-types';
import { trustGateways } from './trusted-gateways';

/** An HTTP answer with its JSON body parsed (or the raw text for images). */
export interface Answer<B> {
  readonly status: number;
  readonly body: B;
  readonly headers: Headers;
}

/** A client of one organisation's gateway, calling with one demo client's API key. */
export interface RestClient<B> {
  readonly url: string;
  readonly apiKey: string;
  get(path: string): Promise<Answer<B>>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<B>>;
  put(path: string, body: unknown): Promise<Answer<B>>;
  del(path: string): Promise<Answer<B>>;
}

/** The demo clients that the network provisioned in its state folder; its gateways' TLS CAs are trusted from now on. */
export function readClients(clientsFile: string): ClientsFile {
  const clients = JSON.parse(readFileSync(clientsFile, 'utf8')) as ClientsFile;
  trustGateways(clients);
  return clients;
}

/** A REST client of the named demo client, at its organisation's gateway. */
export function restClient<B>(clients: ClientsFile, name: string): RestClient<B> {
  const client = clients.clients.find((c) => c.name === name);
  if (client === undefined) {
    throw new Error(`no demo client ${name} in clients.json`);
  }
  const base = `${clients.gateways[client.org]?.url ?? ''}/api/v1`;
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: B; headers: Headers }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${client.apiKey}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (images)
    }
    return { status: res.status, body: parsed as B, headers: res.headers };
  };
  return {
    url: base,
    apiKey: client.apiKey,
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
  };
}
