import { join } from 'node:path';
import { loadNetworkConfig, type NetworkConfig } from './config';
import { locateFabric, type FabricInstall } from './fabric';
import { StatePaths } from './paths';

/** Everything a network operation needs: the description, the state folder and the binaries. */
export interface NetworkContext {
  readonly network: NetworkConfig;
  readonly paths: StatePaths;
  readonly fabric: FabricInstall;
  readonly repoRoot: string;
  readonly chaincodeDir: string;
  readonly gatewayDir: string;
  readonly builderDir: string;
  /** Our settings on top of Fabric's sample configuration. */
  readonly overridesDir: string;
  readonly progress: (message: string) => void;
}

/** Options for {@link createContext}. */
export interface ContextOptions {
  readonly repoRoot: string;
  readonly home: string;
  /** The chaincode package folder; defaults to the repository's chaincode/. */
  readonly chaincodeDir?: string;
  /** The network description; defaults to the repository's network/network.json. */
  readonly networkFile?: string;
  readonly progress?: (message: string) => void;
}

/** Builds the context for one network instance (one state folder). */
export function createContext(options: ContextOptions): NetworkContext {
  const networkDir = join(options.repoRoot, 'network');
  const paths = new StatePaths(options.home);
  const located = locateFabric(networkDir);
  return {
    network: loadNetworkConfig(options.networkFile ?? join(networkDir, 'network.json')),
    paths,
    fabric: { ...located, peerConfigDir: join(options.home, 'config') },
    repoRoot: options.repoRoot,
    chaincodeDir: options.chaincodeDir ?? join(options.repoRoot, 'chaincode'),
    gatewayDir: join(options.repoRoot, 'gateway'),
    builderDir: join(networkDir, 'builder'),
    overridesDir: join(networkDir, 'overrides'),
    progress: options.progress ?? (() => undefined),
  };
}
