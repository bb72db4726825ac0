import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chaincodeLabel } from '../src/chaincode/package';
import { parseNetworkConfig, type NetworkConfig } from '../src/description/config';

const network: NetworkConfig = parseNetworkConfig(
  JSON.parse(readFileSync(join(__dirname, '..', 'network.json'), 'utf8')) as NetworkConfig,
);

/** A workspace with a built chaincode whose one dependency is hoisted to the workspace root. */
function workspace(): { root: string; chaincode: string; install: (version: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'stadspas-label-'));
  const chaincode = join(root, 'chaincode');
  mkdirSync(join(chaincode, 'dist'), { recursive: true });
  writeFileSync(join(chaincode, 'dist', 'index.js'), 'module.exports = {};\n');
  writeFileSync(join(chaincode, 'package.json'), JSON.stringify({ dependencies: { 'some-lib': '^1.0.0' } }));
  const install = (version: string): void => {
    mkdirSync(join(root, 'node_modules', 'some-lib'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'some-lib', 'package.json'), JSON.stringify({ version }));
  };
  return { root, chaincode, install };
}

describe('the chaincode label', () => {
  test('when nothing that runs changes, then the label stays the same', () => {
    const { chaincode, install } = workspace();
    install('1.0.0');

    expect(chaincodeLabel(network, chaincode)).toBe(chaincodeLabel(network, chaincode));
  });

  test('when only the installed version of a dependency changes, then the label changes', () => {
    const { chaincode, install } = workspace();
    install('1.0.0');
    const before = chaincodeLabel(network, chaincode);

    install('1.0.1');

    expect(chaincodeLabel(network, chaincode)).not.toBe(before);
  });

  test('when a dependency is not installed, then it says so', () => {
    const { chaincode } = workspace();

    expect(() => chaincodeLabel(network, chaincode)).toThrow(/some-lib is not installed/);
  });
});
