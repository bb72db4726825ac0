import * as grpc from '@grpc/grpc-js';
import { connect, type Contract, type Gateway, type Identity } from '@hyperledger/fabric-gateway';
import { nativeSigning, type Signing } from '@stadspas/gateway/signing';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Organisation, endpointOf } from '../description/config';
import type { NetworkContext } from '../description/context';
import { onlyFile } from '../identities/msp';
import { TLS_NAME } from '../processes/tls-probes';

/** A Fabric identity and how its key signs, as the gateway client library wants them. */
export interface Credentials extends Signing {
  readonly identity: Identity;
}

/** Where an identity enrolled by the network keeps its certificate and private key (PEM files). */
export function enrolledIdentityFiles(
  ctx: NetworkContext,
  org: Organisation,
  name: string,
): { readonly certPath: string; readonly keyPath: string } {
  const msp = join(ctx.paths.org(org).identity(name), 'msp');
  return { certPath: onlyFile(join(msp, 'signcerts')), keyPath: onlyFile(join(msp, 'keystore')) };
}

/** Credentials of an identity enrolled by the network (e.g. `admin`, `gemeente-staff`). */
export function enrolledCredentials(ctx: NetworkContext, org: Organisation, name: string): Credentials {
  const files = enrolledIdentityFiles(ctx, org, name);
  return credentialsFrom(org.mspId, readFileSync(files.certPath), readFileSync(files.keyPath));
}

/** Credentials from a PEM certificate and private key. */
export function credentialsFrom(mspId: string, certificate: Buffer, privateKeyPem: Buffer): Credentials {
  return {
    identity: { mspId, credentials: certificate },
    ...nativeSigning(createPrivateKey(privateKeyPem)),
  };
}

/** A gRPC connection to an organisation's peer over TLS, trusting that organisation's TLS CA. */
export function peerConnection(ctx: NetworkContext, org: Organisation): grpc.Client {
  const tlsRoot = readFileSync(ctx.paths.org(org).tlsCaCert);
  return new grpc.Client(endpointOf(org, org.ports.peer), grpc.credentials.createSsl(tlsRoot), {
    ...TLS_NAME,
    'grpc.keepalive_time_ms': 120_000,
  });
}

/** An open gateway with the chaincode contract, closed by `close()`. */
export interface GatewaySession {
  readonly gateway: Gateway;
  readonly contract: Contract;
  close(): void;
}

/** Connects to the chaincode through an organisation's peer as the given identity. */
export function openGateway(
  ctx: NetworkContext,
  org: Organisation,
  credentials: Credentials,
  client = peerConnection(ctx, org),
): GatewaySession {
  const gateway = connect({
    client,
    ...credentials,
    evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 15_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const contract = gateway.getNetwork(ctx.network.channel).getContract(ctx.network.chaincode.name);
  return {
    gateway,
    contract,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
