import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges override values into a base document; overrides win, lists are replaced whole. */
export function mergeYaml(base: Tree, overrides: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isTree(current) && isTree(value) ? mergeYaml(current, value) : value;
  }
  return merged;
}

/**
 * Writes Fabric's sample core.yaml with our overrides applied into the folder that peers and the
 * peer CLI use as FABRIC_CFG_PATH. (An empty value cannot be set through an environment
 * variable, so vm.endpoint has to be overridden in the file itself.)
 */
export function writePeerConfig(sampleConfigDir: string, overridesDir: string, targetDir: string): void {
  const base = parse(readFileSync(join(sampleConfigDir, 'core.yaml'), 'utf8')) as Tree;
  const overrides = parse(readFileSync(join(overridesDir, 'core.yaml'), 'utf8')) as Tree;
  mkdirSync(targetDir, { recursive: true });
  writeFileSync(join(targetDir, 'core.yaml'), stringify(mergeYaml(base, overrides)));
}
