import { connect, type Gateway } from '@hyperledger/fabric-gateway';
import type { ClientIdentity } from '../auth/client-identity';
import type { PeerConfig } from '../config/gateway-config';
import { connectPeers } from '../ledger/fabric/peer-connections';
import { loadSigningIdentity } from '../ledger/fabric/signing-identity';
import type { BlockSource, BlockStream } from './block-source';

/** Options of {@link fabricBlockSource}. */
export interface FabricBlockSourceOptions {
  readonly peers: readonly PeerConfig[];
  readonly channel: string;
  /** The identity that reads the blocks (a member of the channel). */
  readonly identity: ClientIdentity;
}

/**
 * Blocks through the Fabric Gateway's block events, over connections of its own. Each call tries the next of the
 * organisation's own peers after the one used last, so a reconnect after a peer's loss moves on to another.
 * @throws Error when a peer's TLS root certificate cannot be read.
 */
export function fabricBlockSource(options: FabricBlockSourceOptions): BlockSource {
  const connections = connectPeers(options.peers);
  const gateways: Gateway[] = [];
  let attempt = -1;
  return {
    blocks: async (startBlock: bigint): Promise<BlockStream> => {
      attempt += 1;
      const connection = connections[attempt % connections.length];
      if (connection === undefined) {
        throw new Error('no peers configured');
      }
      // The signer and the hash it expects travel together: a signer given the default digest signs a hash of it.
      const gateway = connect({
        client: connection.client,
        ...(await loadSigningIdentity(options.identity)),
      });
      gateways.push(gateway);
      const events = await gateway.getNetwork(options.channel).getBlockEvents({ startBlock });
      return {
        close: () => {
          events.close();
          gateway.close();
          gateways.splice(gateways.indexOf(gateway), 1);
        },
        [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](),
      };
    },
    close: () => {
      for (const gateway of gateways.splice(0)) {
        gateway.close();
      }
      for (const connection of connections) {
        connection.client.close();
      }
    },
  };
}
