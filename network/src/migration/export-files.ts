import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import type { Fetch } from '../processes/trusted-fetch';
import { EXPORT_FORMAT } from './export';

// How an import reads an export and calls the organisation's own gateway.

/** An answer of the gateway that was not a success. */
export class ImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface Rest {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function restOf(url: string, apiKey: string, fetchImpl: Fetch): Rest {
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetchImpl(`${url}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answer = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
      if (!res.ok) {
        throw new ImportError(
          answer.error?.code ?? `HTTP_${String(res.status)}`,
          answer.error?.message ?? '',
        );
      }
      return answer as T;
    },
  };
}

/** The records of one kind of an export. @throws Error for a folder that is no export of this format. */
export function recordsOf<T>(from: string, name: string): T[] {
  const file = join(from, `${name}.jsonl`);
  if (!existsSync(file)) {
    return [];
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

export function requireExport(from: string): void {
  const manifest = join(from, 'manifest.json');
  const format = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { format?: string }).format
    : undefined;
  if (format !== EXPORT_FORMAT) {
    throw new Error(`${from} holds no export of format ${EXPORT_FORMAT} (npm run export writes one)`);
  }
}

/** The fields of a record that a request schema takes. */
export function fieldsFor(schema: { shape: object }, record: object): Record<string, unknown> {
  const keys = new Set(Object.keys(schema.shape));
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.has(key)));
}

export function apiKeyOf(ctx: NetworkContext, org: Organisation): string {
  const file = ctx.paths.org(org).clientsFile;
  const clients = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { clients: { org: string; role: string; apiKey: string }[] })
        .clients
    : [];
  const admin = clients.find((c) => c.org === org.name && c.role === 'admin');
  if (admin === undefined) {
    throw new Error(`no API key of an admin of ${org.name} in ${file}: pass one with --api-key`);
  }
  return admin.apiKey;
}
