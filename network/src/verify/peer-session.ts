import { connect, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import * as grpc from '@grpc/grpc-js';
import { common } from '@hyperledger/fabric-protos';
import { readFileSync } from 'node:fs';
import type { Credentials } from '../clients/fabric-client';
import { TLS_NAME } from '../processes/tls-probes';
import { QueryForbiddenError, type Query } from './compare-state';

/** Where a peer listens and the TLS CA its certificate is checked against. */
export interface PeerEndpoint {
  readonly endpoint: string;
  readonly tlsCaFile: string;
}

/** A connection to one peer's gateway on one channel, as one identity. */
export interface PeerSession {
  /** The height and head hash of the channel on this peer (qscc GetChainInfo). */
  chainInfo(): Promise<{ height: number; currentBlockHash: Buffer }>;
  /** One block as this peer stores it (qscc GetBlockByNumber). */
  block(number: number): Promise<common.Block>;
  /** Every block from 0 below the height, as the peer delivers them (block events). */
  blocks(height: number): AsyncGenerator<common.Block>;
  /** The chaincode's query transactions, answered by this peer's organisation. */
  readonly query: Query;
  close(): void;
}

function errorTexts(error: unknown): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    details?: unknown;
  };
  const details = Array.isArray(shape.details) ? (shape.details as { message?: unknown }[]) : [];
  return [String(shape.message), ...details.map((d) => String(d.message))].join(' ');
}

function queryOf(network: Network, chaincode: string): Query {
  const contract = network.getContract(chaincode);
  return async (transaction, request) => {
    try {
      const answer = await contract.evaluateTransaction(transaction, JSON.stringify(request));
      return JSON.parse(Buffer.from(answer).toString('utf8')) as unknown;
    } catch (error) {
      const text = errorTexts(error);
      if (text.includes('FORBIDDEN: ')) {
        throw new QueryForbiddenError(transaction);
      }
      if (text.includes('NOT_FOUND: ')) {
        return undefined;
      }
      throw error;
    }
  };
}

async function* blocksOf(network: Network, height: number): AsyncGenerator<common.Block> {
  if (height === 0) {
    return;
  }
  const events = await network.getBlockEvents({ startBlock: 0n });
  try {
    for await (const block of events) {
      yield block;
      if ((block.getHeader()?.getNumber() ?? 0) >= height - 1) {
        return;
      }
    }
  } finally {
    events.close();
  }
}

/**
 * Opens a session with a peer's gateway. Nothing is sent until a method is called.
 * @throws Error when the TLS CA file cannot be read.
 */
export function openPeerSession(
  peer: PeerEndpoint,
  credentials: Credentials,
  channel: string,
  chaincode: string,
): PeerSession {
  const client = new grpc.Client(
    peer.endpoint,
    grpc.credentials.createSsl(readFileSync(peer.tlsCaFile)),
    TLS_NAME,
  );
  const gateway: Gateway = connect({
    client,
    ...credentials,
    evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
  });
  const network = gateway.getNetwork(channel);
  const qscc = network.getContract('qscc');
  return {
    chainInfo: async () => {
      const info = common.BlockchainInfo.deserializeBinary(
        await qscc.evaluateTransaction('GetChainInfo', channel),
      );
      return { height: info.getHeight(), currentBlockHash: Buffer.from(info.getCurrentblockhash_asU8()) };
    },
    block: async (number) =>
      common.Block.deserializeBinary(
        await qscc.evaluateTransaction('GetBlockByNumber', channel, String(number)),
      ),
    blocks: (height) => blocksOf(network, height),
    query: queryOf(network, chaincode),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
