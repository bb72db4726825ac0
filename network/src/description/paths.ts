import { join } from 'node:path';
import type { Organisation } from './config';

/**
 * Where every file of one network instance lives, below its state folder. Each organisation's node has a
 * folder of its own (`<home>/<org>/`) holding its keys, secrets, ledgers, logs and pid files, and the public
 * material it got from the others; a partner's machine holds only its own organisation's folder. The demo of
 * the whole city keeps the three folders side by side in one home.
 */
export class StatePaths {
  constructor(readonly home: string) {}

  /** The demo clients of every organisation with their API keys, as `npm start` hands them out. */
  get clientsFile(): string {
    return join(this.home, 'clients.json');
  }
  org(org: Organisation): OrgPaths {
    return new OrgPaths(join(this.home, org.name));
  }
  /** The node folder of the organisation that runs the named process (`<kind>-<org>`). */
  #processHome(process: string): string {
    return join(this.home, process.slice(process.indexOf('-') + 1));
  }
  pidFile(process: string): string {
    return join(this.#processHome(process), 'run', `${process}.pid`);
  }
  logFile(process: string): string {
    return join(this.#processHome(process), 'logs', `${process}.log`);
  }
}

/** The state folder of one organisation's node. */
export class OrgPaths {
  constructor(readonly root: string) {}

  get run(): string {
    return join(this.root, 'run');
  }
  get logs(): string {
    return join(this.root, 'logs');
  }
  /** Enrolment secrets of this organisation's identities (and nobody else's). */
  get secretsFile(): string {
    return join(this.root, 'secrets.json');
  }
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
  /** Chaincode packages this organisation built for its own peer. */
  get chaincode(): string {
    return join(this.root, 'chaincode');
  }
  get gatewayConfig(): string {
    return join(this.root, 'gateway.json');
  }
  get gatewayState(): string {
    return join(this.root, 'gateway');
  }
  /** This organisation's demo clients with their API keys. */
  get clientsFile(): string {
    return join(this.root, 'clients.json');
  }
  /** The organisation definition this node publishes: public material only. */
  get definition(): string {
    return join(this.root, 'definition.json');
  }
  /** Public material received from the organisations of the network (this one's included). */
  get public(): string {
    return join(this.root, 'public');
  }
  publicOf(org: Organisation): PublicOrgPaths {
    return new PublicOrgPaths(join(this.public, org.name));
  }
  /** The channel's genesis block, made by one organisation from everyone's definitions. */
  get genesisBlock(): string {
    return join(this.public, 'genesis.block');
  }
  /**
   * The latest configuration block of a channel this organisation joins after its creation: its orderer joins
   * with it (it names the orderer a consenter), its peer with the genesis block.
   */
  get joinBlock(): string {
    return join(this.public, 'join.block');
  }
  /** The channel configuration this node made a genesis block from. */
  get channelConfigDir(): string {
    return join(this.root, 'channel');
  }
}

/** One organisation's public material as another node keeps it: its definition and the files made from it. */
export class PublicOrgPaths {
  constructor(readonly root: string) {}

  get definition(): string {
    return join(this.root, 'definition.json');
  }
  get msp(): string {
    return join(this.root, 'msp');
  }
  get tlsCaCert(): string {
    return join(this.msp, 'tlscacerts', 'tlsca.pem');
  }
  get ordererTlsCert(): string {
    return join(this.root, 'orderer-tls.pem');
  }
}
