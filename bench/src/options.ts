import { parseArgs } from 'node:util';

/** What one `npm run bench` does. */
export interface BenchOptions {
  /** The numbers in flight of the sweep's steps, in order. */
  readonly inFlight: readonly number[];
  /** Operations of each kind per step at most (split over the rounds). */
  readonly count: number;
  /** Interleaved rounds per step. */
  readonly rounds: number;
  /** Seconds each kind may run per step at most (split over the rounds). */
  readonly stepSeconds: number;
  /** Passes to issue with their holders and time, instead of the sweep; 0 for the sweep. */
  readonly batchIssue: number;
  /** Batches in flight while issuing. */
  readonly batchInFlight: number;
  /** Offline bookings to settle per step, instead of the sweep; 0 for the sweep. */
  readonly offlineSettle: number;
  /** Passes to carry in with `npm run import` and out with `npm run export`, timed; 0 for the sweep. */
  readonly migration: number;
  /** The scale of a year of a city to build and measure (1.0: Groningen), instead of the sweep; 0 for the sweep. */
  readonly year: number;
}

const USAGE = `usage: npm run bench -- [--in-flight 1,4,16,64,128] [--count 400] [--rounds 2] [--step-seconds 40]
       npm run bench -- --batch-issue 2000 [--batch-in-flight 2]
       npm run bench -- --offline-settle 200 [--in-flight 1,4,16]
       npm run bench -- --migration 30000
       npm run bench -- --year [--scale 1.0]`;

/**
 * The value of option `--name` as a positive whole number.
 * @throws Error naming the option, followed by the command's usage, for anything else.
 */
export function positiveInteger(name: string, text: string | undefined, usage = USAGE): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive whole number, not '${text ?? ''}'\n${usage}`);
  }
  return value;
}

/**
 * The value of `--scale`: a positive number, at most 10 (ten Groningens).
 * @throws Error with the usage for anything else.
 */
function positiveScale(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 10) {
    throw new Error(`--scale must be a number above 0 and at most 10, not '${text}'\n${USAGE}`);
  }
  return value;
}

/**
 * Reads the command line.
 * @throws Error with the usage when an option is unknown or not a positive whole number (a list of them for
 * `--in-flight`).
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        'in-flight': { type: 'string', default: '1,4,16,64,128' },
        count: { type: 'string', default: '400' },
        rounds: { type: 'string', default: '2' },
        'step-seconds': { type: 'string', default: '40' },
        'batch-issue': { type: 'string' },
        'batch-in-flight': { type: 'string', default: '2' },
        'offline-settle': { type: 'string' },
        migration: { type: 'string' },
        year: { type: 'boolean', default: false },
        scale: { type: 'string', default: '1' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const v = parsed.values;
  return {
    inFlight: v['in-flight'].split(',').map((n) => positiveInteger('in-flight', n.trim())),
    count: positiveInteger('count', v.count),
    rounds: positiveInteger('rounds', v.rounds),
    stepSeconds: positiveInteger('step-seconds', v['step-seconds']),
    batchIssue: v['batch-issue'] === undefined ? 0 : positiveInteger('batch-issue', v['batch-issue']),
    batchInFlight: positiveInteger('batch-in-flight', v['batch-in-flight']),
    offlineSettle:
      v['offline-settle'] === undefined ? 0 : positiveInteger('offline-settle', v['offline-settle']),
    migration: v.migration === undefined ? 0 : positiveInteger('migration', v.migration),
    year: v.year ? positiveScale(v.scale) : 0,
  };
}
