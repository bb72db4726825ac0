import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { common } from '@hyperledger/fabric-protos';
import { readBlockFile } from './block-file';

/** The block files of a channel in a copy of a peer's data folder, in order. */
export interface LedgerFiles {
  readonly files: readonly string[];
}

/**
 * Finds a channel's block files: in a peer data folder (`ledgersData/chains/chains/<channel>/`), in that chain
 * folder itself, or one block file given directly.
 * @throws Error when none is found.
 */
export function ledgerFiles(path: string, channel: string): LedgerFiles {
  if (existsSync(path) && statSync(path).isFile()) {
    return { files: [path] };
  }
  const candidates = [
    join(path, 'ledgersData', 'chains', 'chains', channel),
    join(path, 'chains', 'chains', channel),
    path,
  ];
  for (const folder of candidates) {
    if (existsSync(folder) && statSync(folder).isDirectory()) {
      const files = readdirSync(folder)
        .filter((name) => /^blockfile_\d{6}$/.test(name))
        .sort();
      if (files.length > 0) {
        return { files: files.map((name) => join(folder, name)) };
      }
    }
  }
  throw new Error(`no block files of channel ${channel} under ${path}`);
}

/**
 * Every complete block of the files, in order; a last record still being written when the copy was taken is
 * left out (`truncatedTail`).
 * @throws BlockFileError naming the block whose record is malformed.
 */
export function* blocksOfFiles(ledger: LedgerFiles, onTruncatedTail: () => void): Generator<common.Block> {
  let next = 0;
  for (const file of ledger.files) {
    const contents = readBlockFile(readFileSync(file), next);
    yield* contents.blocks;
    next += contents.blocks.length;
    if (contents.truncatedTail) {
      onTruncatedTail();
    }
  }
}
