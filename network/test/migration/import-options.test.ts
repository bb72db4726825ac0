import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createContext } from '../../src/description/context';
import { EXPORT_FORMAT } from '../../src/migration/export';
import { importBooks } from '../../src/migration/import';

const ctx = createContext({
  repoRoot: resolve(__dirname, '..', '..', '..'),
  home: mkdtempSync(join(tmpdir(), 'import-')),
});
const gemeente = ctx.network.organisations.find((o) => o.name === 'gemeente') ?? ctx.network.organisations[0];
if (gemeente === undefined) {
  throw new Error('the network description has no organisation');
}

describe('npm run import, before it sends anything', () => {
  it('when the folder holds no export, then it is refused naming the format', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'not-an-export-'));

    await expect(importBooks(ctx, gemeente, { from: folder })).rejects.toThrow(
      `holds no export of format ${EXPORT_FORMAT}`,
    );
  });

  it.each([0, 501, 2.5, Number.NaN])('when the batch size is %s, then it is refused', async (batchSize) => {
    const folder = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ format: EXPORT_FORMAT }));

    await expect(importBooks(ctx, gemeente, { from: folder, batchSize })).rejects.toThrow(
      /--batch must be a whole number of passes from 1 to 500/,
    );
  });
});
