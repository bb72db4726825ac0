import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isRecordKey,
  parseCompositeKey,
  type HolderRecord,
  type OfferRecord,
  type PassRecord,
  type Reader,
  type SchemeRecord,
  type VenueRecord,
} from '@stadspas/chaincode/vocabulary';
import { z } from 'zod';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import type { PeerSession } from '../verify/peer-session';
import { Replay } from '../verify/replay';
import { sessionWith } from '../verify/verify';
import { mayExport, RECORD_KINDS, type Lookups, type RecordKind } from './records';

/** The version of the export's layout, in its manifest. */
export const EXPORT_FORMAT = 'stadspas-export/1';

/** What an export wrote. */
export interface ExportSummary {
  readonly out: string;
  /** The channel height the export read up to. */
  readonly height: number;
  readonly counts: Readonly<Record<string, number>>;
}

/** How many holder records are asked of the peer at once. */
const HOLDERS_IN_FLIGHT = 16;

/** The kind of record a key holds: undefined for index keys and for records no export carries. */
function kindOfKey(key: string, kinds: ReadonlyMap<string, string>): string | undefined {
  const parsed = parseCompositeKey(key);
  if (parsed === undefined || !isRecordKey(parsed)) {
    return undefined;
  }
  return kinds.get(parsed.type);
}

/** The records of a replayed world state by kind, each in key order. */
function recordsByKind(state: ReadonlyMap<string, Uint8Array>): Map<string, unknown[]> {
  const kinds = new Map(RECORD_KINDS.flatMap((kind) => (kind.keyType ? [[kind.keyType, kind.name]] : [])));
  const records = new Map<string, unknown[]>(RECORD_KINDS.map((kind) => [kind.name, []]));
  for (const key of [...state.keys()].sort()) {
    const name = kindOfKey(key, kinds);
    const value = state.get(key);
    if (name !== undefined && value !== undefined) {
      records.get(name)?.push(JSON.parse(Buffer.from(value).toString('utf8')));
    }
  }
  return records;
}

function byId<T>(records: readonly unknown[] | undefined, id: (record: T) => string): Map<string, T> {
  return new Map(((records ?? []) as T[]).map((record) => [id(record), record]));
}

/** The organisation as a reader of the books: its admin, a municipality when the scheme makes it one. */
function readerOf(org: Organisation, schemes: readonly unknown[] | undefined): Reader {
  const scheme = (schemes as SchemeRecord[] | undefined)?.[0];
  const member = scheme?.organisations.find((o) => o.mspId === org.mspId);
  return { mspId: org.mspId, role: 'admin', municipality: member?.roles.includes('municipality') === true };
}

/** The holder of each pass, asked of the peer; a holder whose data was erased has none. */
async function holdersOf(session: PeerSession, passes: readonly PassRecord[]): Promise<HolderRecord[]> {
  const holders: HolderRecord[] = [];
  for (let i = 0; i < passes.length; i += HOLDERS_IN_FLIGHT) {
    const answers = await Promise.all(
      passes
        .slice(i, i + HOLDERS_IN_FLIGHT)
        .map((pass) => session.query('passes:GetHolder', { passId: pass.passId })),
    );
    // The record of a replacement pass is its chain's first pass's: it is listed under the pass asked for.
    answers.forEach((answer, j) => {
      const passId = passes[i + j]?.passId;
      if (answer !== undefined && passId !== undefined) {
        holders.push({ ...(answer as HolderRecord), passId });
      }
    });
  }
  return holders;
}

function writeKind(out: string, kind: RecordKind, records: readonly unknown[]): void {
  writeFileSync(
    join(out, `${kind.name}.jsonl`),
    records.map((record) => `${JSON.stringify(record)}\n`).join(''),
  );
  const schema = {
    ...z.toJSONSchema(kind.schema, { io: 'output', unrepresentable: 'any' }),
    title: kind.name,
    description: `${kind.description}: one JSON object per line of ${kind.name}.jsonl`,
  };
  writeFileSync(join(out, 'schemas', `${kind.name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}

/**
 * Writes everything an organisation may read of the books into a folder, read from its own peer as its admin:
 * one JSON Lines file per kind of record (`passes.jsonl`, `vouchers.jsonl`, …), each with its JSON Schema in
 * `schemas/`, and `manifest.json`. The public records come from a replay of every block, so nothing depends on
 * the read model of a gateway; what the chaincode's read rule does not show the organisation is left out. A
 * municipality's export holds its holders' personal data from its private collection: keep it as such.
 * @throws Error when the peer cannot be reached or the folder cannot be written.
 */
export async function exportBooks(
  ctx: NetworkContext,
  org: Organisation,
  out: string,
): Promise<ExportSummary> {
  const session = sessionWith(ctx, org, org);
  try {
    const { height } = await session.chainInfo();
    const replay = new Replay(ctx.network.chaincode.name);
    for await (const block of session.blocks(height)) {
      replay.add(block);
    }
    const records = recordsByKind(replay.state);
    const lookups: Lookups = {
      passes: byId<PassRecord>(records.get('passes'), (p) => p.passId),
      offers: byId<OfferRecord>(records.get('offers'), (o) => o.offerId),
      venues: byId<VenueRecord>(records.get('venues'), (v) => v.venueId),
    };
    const reader = readerOf(org, records.get('scheme'));
    const visible = new Map(
      RECORD_KINDS.map((kind) => [
        kind.name,
        (records.get(kind.name) ?? []).filter((record) => mayExport(reader, kind, record, lookups)),
      ]),
    );
    if (reader.municipality) {
      visible.set('holders', await holdersOf(session, (visible.get('passes') ?? []) as PassRecord[]));
    }
    mkdirSync(join(out, 'schemas'), { recursive: true });
    const counts: Record<string, number> = {};
    for (const kind of RECORD_KINDS) {
      const list = visible.get(kind.name) ?? [];
      writeKind(out, kind, list);
      counts[kind.name] = list.length;
    }
    const manifest = {
      format: EXPORT_FORMAT,
      organisation: org.name,
      mspId: org.mspId,
      channel: ctx.network.channel,
      chaincode: ctx.network.chaincode.name,
      height,
      exportedAt: new Date().toISOString(),
      files: RECORD_KINDS.map((kind) => ({
        name: kind.name,
        description: kind.description,
        file: `${kind.name}.jsonl`,
        schema: `schemas/${kind.name}.schema.json`,
        records: counts[kind.name],
      })),
    };
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { out, height, counts };
  } finally {
    session.close();
  }
}
