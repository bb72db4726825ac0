import { accessSync, constants } from 'node:fs';
import type { GatewayConfig } from './gateway-config';
import { ConfigError } from './load-config';

/** Every file the configuration names, with the setting that names it. */
function namedFiles(config: GatewayConfig): [string, string][] {
  const files: [string, string | undefined][] = [
    ['keyStorePath', config.keyStorePath],
    ['qrSigningKeyPath', config.qrSigningKeyPath],
    ['reader.certPath', config.reader?.certPath],
    ['reader.keyPath', config.reader?.keyPath],
    ['tls.certPath', config.tls?.certPath],
    ['tls.keyPath', config.tls?.keyPath],
    ...config.peers.map((peer, i): [string, string] => [
      `peers.${String(i)}.tlsRootCertPath`,
      peer.tlsRootCertPath,
    ]),
    ['ca.tlsCertPath', config.ca?.tlsCertPath],
    ['ca.registrarMspDir', config.ca?.registrarMspDir],
    ['ca.clientBinary', config.ca?.clientBinary],
  ];
  return files.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

/**
 * Checks that every file the configuration names exists, so a wrong path fails at start-up, not at the first
 * request.
 * @throws {ConfigError} listing every missing file at once.
 */
export function checkConfigFiles(config: GatewayConfig, source: string): void {
  const problems: string[] = [];
  for (const [setting, path] of namedFiles(config)) {
    try {
      accessSync(path, constants.R_OK);
    } catch {
      problems.push(`${setting}: ${path} does not exist or is not readable`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(source, problems);
  }
}
