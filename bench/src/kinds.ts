import type { Summary } from './statistics';

/** The kinds of operation a sweep step runs, in the order of their interleaved rounds. */
export const KINDS = ['redeem-direct', 'redeem-rest', 'trivial-direct', 'scan-direct', 'scan-rest'] as const;

/** One kind of operation of the sweep. */
export type Kind = (typeof KINDS)[number];

/** What each kind is, in words, for progress lines and tables. */
export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  'redeem-direct': 'redeem, direct',
  'redeem-rest': 'redeem, REST',
  'trivial-direct': 'trivial write, direct',
  'scan-direct': 'scan, direct',
  'scan-rest': 'scan, REST',
};

/** Whether a kind commits a transaction (a scan is an evaluate: it commits nothing). */
export function commits(kind: Kind): boolean {
  return !kind.startsWith('scan');
}

/** The results of one step of the sweep: every kind at the same number in flight. */
export interface StepResult {
  readonly inFlight: number;
  readonly summaries: Readonly<Record<Kind, Summary>>;
}

/** Transactions committed in a step: the completed operations of the kinds that commit. */
export function committedIn(step: StepResult): number {
  return KINDS.filter(commits).reduce((sum, kind) => sum + step.summaries[kind].completed, 0);
}
