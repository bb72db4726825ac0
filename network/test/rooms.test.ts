import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '..', 'src');

/**
 * The rooms of `network/src`, lowest first: a room imports only from itself and the rooms before it, so the
 * imports between rooms go one way and no cycle passes through two rooms. `cli.ts` and `index.ts` sit above all.
 */
const ROOMS = [
  'description',
  'processes',
  'identities',
  'channel',
  'chaincode',
  'clients',
  'verify',
  'migration',
  'node',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The room of a file under src, or '' for the files at its top (cli, index). */
function roomOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split('/');
  return rest.length === 0 ? '' : (first ?? '');
}

/** The files under src a file imports by relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    resolve(dirname(file), m[1] ?? ''),
  );
}

describe('the rooms of network/src', () => {
  const files = sourceFiles(SRC);

  test('when the sources are read, then every file is in a room or at the top', () => {
    const unknown = files.filter((f) => roomOf(f) !== '' && !ROOMS.includes(roomOf(f)));

    expect(unknown.map((f) => relative(SRC, f))).toEqual([]);
  });

  test('when a file imports another, then it imports from its own room or a room below it', () => {
    const upwards = files.flatMap((file) => {
      const from = roomOf(file);
      if (from === '') {
        return [];
      }
      return importsOf(file)
        .filter((target) => {
          const to = roomOf(`${target}.ts`);
          return to === '' || ROOMS.indexOf(to) > ROOMS.indexOf(from);
        })
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`);
    });

    expect(upwards).toEqual([]);
  });

  test('when a file is measured, then it has at most 300 lines', () => {
    const long = files
      .map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 300);

    expect(long).toEqual([]);
  });
});
