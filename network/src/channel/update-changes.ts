/** A group, value or policy of a channel configuration as configtxlator writes it. */
export interface ConfigElementJson {
  readonly version?: string;
  readonly groups?: Readonly<Record<string, ConfigElementJson>>;
  readonly values?: Readonly<Record<string, ConfigElementJson>>;
  readonly policies?: Readonly<Record<string, ConfigElementJson>>;
  readonly value?: unknown;
  readonly policy?: unknown;
}

/** A configuration update as configtxlator decodes it: what it read, and what it writes. */
export interface ConfigUpdateJson {
  readonly read_set: ConfigElementJson;
  readonly write_set: ConfigElementJson;
}

const KINDS = ['groups', 'values', 'policies'] as const;
type Kind = (typeof KINDS)[number];

type Detail = (element: ConfigElementJson) => string;

const consenters: Detail = (element) => {
  const value = element.value as { metadata?: { consenters?: { host: string; port: number }[] } } | undefined;
  const list = value?.metadata?.consenters ?? [];
  return ` (Raft consenters: ${list.map((c) => `${c.host}:${String(c.port)}`).join(', ')})`;
};

const mspName: Detail = (element) =>
  ` (MSP ${(element.value as { config?: { name?: string } } | undefined)?.config?.name ?? '?'})`;

const policyRule: Detail = (element) => {
  const rule = (element.policy as { value?: { rule?: string; sub_policy?: string } } | undefined)?.value;
  return rule?.rule === undefined ? ' (a signature policy)' : ` (${rule.rule} ${rule.sub_policy ?? ''})`;
};

/** The values worth a word of detail: the Raft consenters, an organisation's MSP. */
const VALUE_DETAILS: Readonly<Record<string, Detail | undefined>> = {
  ConsensusType: consenters,
  MSP: mspName,
};

/** What one written element says, in a few words. */
function detailOf(kind: Kind, name: string, element: ConfigElementJson): string {
  if (kind === 'policies') {
    return policyRule(element);
  }
  return kind === 'values' ? (VALUE_DETAILS[name]?.(element) ?? '') : '';
}

const NOUN: Readonly<Record<Kind, string>> = { groups: 'group', values: 'value', policies: 'policy' };

const versionOf = (element: ConfigElementJson): number => Number(element.version ?? 0);

/** The line for one written element, or undefined when the channel holds it at that version already. */
function lineOf(
  kind: Kind,
  name: string,
  before: ConfigElementJson | undefined,
  element: ConfigElementJson,
  where: string,
): string | undefined {
  if (before === undefined) {
    return `adds ${NOUN[kind]} ${where}${detailOf(kind, name, element)}`;
  }
  if (versionOf(before) === versionOf(element)) {
    return undefined;
  }
  return kind === 'groups'
    ? `changes the members or policies of group ${where}`
    : `changes ${NOUN[kind]} ${where}${detailOf(kind, name, element)}`;
}

function walk(
  read: ConfigElementJson | undefined,
  write: ConfigElementJson,
  path: string,
  out: string[],
): void {
  for (const kind of KINDS) {
    for (const [name, element] of Object.entries(write[kind] ?? {})) {
      const before = read?.[kind]?.[name];
      const line = lineOf(kind, name, before, element, `${path}/${name}`);
      if (line !== undefined) {
        out.push(line);
      }
      if (kind === 'groups') {
        walk(before, element, `${path}/${name}`, out);
      }
    }
  }
}

/**
 * What a channel configuration update changes, one line per element it writes that the channel does not hold at
 * that version: organisations added, consenters, policies and their rules, so an admin knows what a signature
 * agrees to. An added group is listed with everything in it. Never throws.
 */
export function changesOf(update: ConfigUpdateJson): string[] {
  const out: string[] = [];
  walk(update.read_set, update.write_set, '', out);
  return out;
}
