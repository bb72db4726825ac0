import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  committedDefinition,
  createContext,
  deploy,
  enrolledCredentials,
  evaluateJson,
  openGateway,
} from '@stadspas/network';
import { orgByMsp, testNetwork } from './support/network';

const original = testNetwork();
const repoRoot = resolve(__dirname, '..', '..');

/** A copy of the chaincode build that differs from the deployed one, as after a code change. */
function changedChaincode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stadspas-chaincode-'));
  for (const entry of ['dist', 'package.json']) {
    cpSync(join(repoRoot, 'chaincode', entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'dist', 'release-note.js'), `// changed at ${new Date().toISOString()}\n`);
  return dir;
}

const gemeente = orgByMsp(original, 'GemeenteMSP');

describe('redeploying the chaincode', () => {
  afterAll(async () => {
    // Put the repository's own chaincode back (one more sequence), as npm start would.
    await deploy(original);
  });

  test('when the chaincode changes, then it is redeployed with the next sequence on the running network', async () => {
    const before = await committedDefinition(original, gemeente);
    const changed = createContext({ repoRoot, home: original.paths.home, chaincodeDir: changedChaincode() });

    await deploy(changed);

    const after = await committedDefinition(original, gemeente);
    expect(after?.sequence).toBe((before?.sequence ?? 0) + 1);
    expect(after?.version).not.toBe(before?.version);
    const session = openGateway(
      original,
      gemeente,
      enrolledCredentials(original, gemeente, 'gemeente-admin'),
    );
    try {
      await expect(evaluateJson(session.contract, 'venues:ListVenues')).resolves.toBeInstanceOf(Array);
    } finally {
      session.close();
    }
  });
});
