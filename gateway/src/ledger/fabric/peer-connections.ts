import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { PeerConfig } from '../../config/gateway-config';

/** The peer drops clients that ping more often than once a minute, so keepalive stays above that. */
const keepaliveMs = 120_000;

/** One shared gRPC connection to one peer. */
export interface PeerConnection {
  readonly endpoint: string;
  readonly client: grpc.Client;
}

/**
 * Opens one gRPC client per configured peer (TLS, keepalive), in configuration order.
 * @throws {Error} when a peer's TLS root certificate cannot be read.
 */
export function connectPeers(peers: readonly PeerConfig[]): PeerConnection[] {
  return peers.map((peer) => {
    const credentials = grpc.credentials.createSsl(readFileSync(peer.tlsRootCertPath));
    const options: grpc.ChannelOptions = {
      'grpc.keepalive_time_ms': keepaliveMs,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.keepalive_permit_without_calls': 0,
      // A peer that restarts is dialled again within a second or two, not after gRPC's default minutes.
      'grpc.initial_reconnect_backoff_ms': 250,
      'grpc.max_reconnect_backoff_ms': 2_000,
      ...(peer.hostnameOverride === undefined
        ? {}
        : { 'grpc.ssl_target_name_override': peer.hostnameOverride }),
    };
    return { endpoint: peer.endpoint, client: new grpc.Client(peer.endpoint, credentials, options) };
  });
}
