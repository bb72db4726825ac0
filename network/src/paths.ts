import { join } from 'node:path';
import type { Organisation } from './config';

/** Where every file of one network instance lives, below its state folder. */
export class StatePaths {
  constructor(readonly home: string) {}

  get run(): string {
    return join(this.home, 'run');
  }
  get logs(): string {
    return join(this.home, 'logs');
  }
  get channelArtifacts(): string {
    return join(this.home, 'channel');
  }
  get genesisBlock(): string {
    return join(this.channelArtifacts, 'genesis.block');
  }
  get chaincode(): string {
    return join(this.home, 'chaincode');
  }
  get clientsFile(): string {
    return join(this.home, 'clients.json');
  }
  get secretsFile(): string {
    return join(this.home, 'secrets.json');
  }
  org(org: Organisation): OrgPaths {
    return new OrgPaths(join(this.home, 'orgs', org.name));
  }
  gatewayConfig(org: Organisation): string {
    return join(this.home, 'gateways', `${org.name}.json`);
  }
  gatewayState(org: Organisation): string {
    return join(this.home, 'gateways', org.name);
  }
  pidFile(process: string): string {
    return join(this.run, `${process}.pid`);
  }
  logFile(process: string): string {
    return join(this.logs, `${process}.log`);
  }
}

/** Crypto material and data folders of one organisation. */
export class OrgPaths {
  constructor(readonly root: string) {}

  get caHome(): string {
    return join(this.root, 'ca');
  }
  get caCert(): string {
    return join(this.caHome, 'ca-cert.pem');
  }
  get tlsCaCert(): string {
    return join(this.caHome, 'tlsca', 'ca-cert.pem');
  }
  /** The organisation's MSP as the channel configuration knows it. */
  get msp(): string {
    return join(this.root, 'msp');
  }
  identity(name: string): string {
    return join(this.root, 'identities', name);
  }
  get peerData(): string {
    return join(this.root, 'peer-data');
  }
  get ordererData(): string {
    return join(this.root, 'orderer-data');
  }
}
