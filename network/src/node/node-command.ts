import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';

/** The options of a node command, as the command line gives them. */
export interface NodeOptions {
  /** How long the command has run, for what it prints. */
  readonly elapsed: () => string;
  readonly definition?: string[];
  readonly genesis?: string;
  readonly 'config-block'?: string;
  readonly add?: string;
  readonly update?: string;
  readonly proposal?: string;
  readonly 'reversal-window'?: string;
  readonly 'card-uses-per-day'?: string;
  readonly 'offline-bookings-per-day'?: string;
  readonly 'offline-window'?: string;
  readonly file?: string;
}

/** One `npm run node -- <command>`: what it does on the organisation's own node. */
export type NodeCommand = (ctx: NetworkContext, org: Organisation, options: NodeOptions) => Promise<void>;

/** Prints what a command did. */
export const said = (message: string): Promise<void> => {
  console.log(message);
  return Promise.resolve();
};

/** The value of an option the command needs. @throws Error naming the option when it is missing. */
export function required(value: string | undefined, what: string): string {
  if (value === undefined) {
    throw new Error(`give ${what}`);
  }
  return value;
}
