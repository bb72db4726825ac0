import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePrivateDir, ownerOnlyCommand, restrictToOwner } from '../src/description/private-files';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('owner-only files', () => {
  test('when a state folder was written with open permissions, then restricting it leaves only the owner', () => {
    const root = mkdtempSync(join(tmpdir(), 'private-files-'));
    mkdirSync(join(root, 'ca', 'msp'), { recursive: true, mode: 0o755 });
    writeFileSync(join(root, 'ca', 'fabric-ca-server-config.yaml'), 'pass: x', { mode: 0o644 });
    writeFileSync(join(root, 'ca', 'msp', 'IssuerSecretKey'), 'k', { mode: 0o664 });

    restrictToOwner(root);

    expect(modeOf(join(root, 'ca'))).toBe(0o700);
    expect(modeOf(join(root, 'ca', 'msp'))).toBe(0o700);
    expect(modeOf(join(root, 'ca', 'fabric-ca-server-config.yaml'))).toBe(0o600);
    expect(modeOf(join(root, 'ca', 'msp', 'IssuerSecretKey'))).toBe(0o600);
  });

  test('when a private folder exists with open permissions, then making it private closes it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'private-files-')), 'state');
    mkdirSync(dir, { mode: 0o755 });

    makePrivateDir(dir);

    expect(modeOf(dir)).toBe(0o700);
  });

  test('when a program creates a file under the owner-only command line, then group and others cannot read it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'private-files-')), 'created');
    const [command, args] = ownerOnlyCommand('touch', [file]);

    execFileSync(command, args);

    expect(modeOf(file)).toBe(0o600);
  });
});
