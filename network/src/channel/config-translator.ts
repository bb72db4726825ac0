import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { endpointOf, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { run, type FabricInstall } from '../description/fabric';
import { ordererTls, peerAdminEnv } from './nodes';

// Reading the channel's configuration, and configtxlator between Fabric's protobuf messages and JSON.

export type Json = Record<string, unknown>;

/** The parts of a decoded channel configuration an organisation's addition changes. */
export interface ChannelGroup {
  groups: {
    Application: { groups: Record<string, Json> };
    Orderer: { groups: Record<string, Json>; values: Json };
  };
}

/** Converts between Fabric's protobuf messages and JSON with configtxlator. */
export class Translator {
  readonly #fabric: FabricInstall;
  readonly #dir: string;
  #decoded = 0;

  /** The folder it writes its files into. */
  get dir(): string {
    return this.#dir;
  }

  constructor(fabric: FabricInstall, dir: string) {
    this.#fabric = fabric;
    this.#dir = dir;
  }

  /** configtxlator cannot write to a pipe: it writes a file, which is read back. */
  async decode<T>(file: string, type: string): Promise<T> {
    const output = join(this.#dir, `decoded-${String(this.#decoded++)}.json`);
    await run(this.#fabric.bin('configtxlator'), [
      'proto_decode',
      '--input',
      file,
      '--type',
      type,
      '--output',
      output,
    ]);
    return JSON.parse(readFileSync(output, 'utf8')) as T;
  }

  async encode(value: unknown, type: string, name: string): Promise<string> {
    const input = join(this.#dir, `${name}.json`);
    const output = join(this.#dir, `${name}.pb`);
    writeFileSync(input, JSON.stringify(value));
    await run(this.#fabric.bin('configtxlator'), [
      'proto_encode',
      '--input',
      input,
      '--type',
      type,
      '--output',
      output,
    ]);
    return output;
  }

  /** The channel's configuration now, through an organisation's own orderer. */
  async currentConfig(ctx: NetworkContext, org: Organisation): Promise<{ channel_group: ChannelGroup }> {
    const block = await fetchConfigBlock(ctx, org, join(this.#dir, 'config.block'));
    return configOf(await this.decode<Json>(block, 'common.Block'));
  }

  async computeUpdate(channel: string, original: string, updated: string): Promise<unknown> {
    const output = join(this.#dir, 'update.pb');
    await run(this.#fabric.bin('configtxlator'), [
      'compute_update',
      '--channel_id',
      channel,
      '--original',
      original,
      '--updated',
      updated,
      '--output',
      output,
    ]);
    return this.decode(output, 'common.ConfigUpdate');
  }

  /**
   * Writes the unsigned channel configuration update envelope that turns `current` into `updated`.
   * @returns the file, ready for the admins' signatures.
   */
  async writeUpdate(
    channel: string,
    current: { channel_group: ChannelGroup },
    updated: { channel_group: ChannelGroup },
    file: string,
  ): Promise<string> {
    const update = await this.computeUpdate(
      channel,
      await this.encode(current, 'common.Config', 'current'),
      await this.encode(updated, 'common.Config', 'updated'),
    );
    const envelope = {
      payload: {
        header: { channel_header: { channel_id: channel, type: 2 } },
        data: { config_update: update },
      },
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, readFileSync(await this.encode(envelope, 'common.Envelope', 'envelope')));
    return file;
  }
}

/** Runs `work` with a translator writing into a temporary folder, removed afterwards. */
export async function withTranslator<T>(
  fabric: FabricInstall,
  work: (translator: Translator) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'stadspas-update-'));
  try {
    return await work(new Translator(fabric, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Arguments that reach the channel through an organisation's own orderer, as its admin. */
export function ordererArgs(ctx: NetworkContext, org: Organisation): string[] {
  return [
    '-c',
    ctx.network.channel,
    '-o',
    endpointOf(org, org.ports.orderer),
    '--tls',
    '--cafile',
    ordererTls(ctx.paths, org).ca,
  ];
}

/**
 * Fetches the channel's latest configuration block through an organisation's own orderer.
 * @returns the file it wrote.
 */
export async function fetchConfigBlock(
  ctx: NetworkContext,
  org: Organisation,
  output: string,
): Promise<string> {
  await run(
    ctx.fabric.bin('peer'),
    ['channel', 'fetch', 'config', output, ...ordererArgs(ctx, org)],
    peerAdminEnv(ctx.fabric, ctx.paths, org),
  );
  return output;
}

/** The configuration a decoded configuration block holds. */
export function configOf(block: Json): { channel_group: ChannelGroup } {
  const data = block.data as { data: { payload: { data: { config: { channel_group: ChannelGroup } } } }[] };
  const envelope = data.data[0];
  if (!envelope) {
    throw new Error('the configuration block holds no envelope');
  }
  return envelope.payload.data.config;
}
