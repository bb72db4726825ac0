import { parseArgs } from 'node:util';
import type { LoadController } from './caliper-config';
import { LIMITS } from '@stadspas/chaincode/vocabulary';
import { positiveInteger } from '../options';

/** What one `npm run bench:caliper` runs. */
export interface CaliperOptions {
  readonly inFlight: number;
  readonly seconds: number;
  readonly batchSize: number;
  readonly batches: number;
  readonly batchInFlight: number;
  readonly controller: LoadController;
}

const USAGE =
  'usage: npm run bench:caliper -- [--in-flight 64] [--seconds 30] [--batch-size 100] [--batches 10] [--batch-in-flight 2]\n' +
  '                             [--controller held|fixed]';

/**
 * Reads the command line.
 * @throws Error with the usage when an option is unknown or not a positive whole number.
 */
export function parseCaliperOptions(args: readonly string[]): CaliperOptions {
  let values: Record<string, string>;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        'in-flight': { type: 'string', default: '64' },
        seconds: { type: 'string', default: '30' },
        'batch-size': { type: 'string', default: '100' },
        batches: { type: 'string', default: '10' },
        'batch-in-flight': { type: 'string', default: '2' },
        controller: { type: 'string', default: 'held' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const positive = (name: string): number => positiveInteger(name, values[name], USAGE);
  const batchSize = positive('batch-size');
  if (batchSize > LIMITS.maxBatchPasses) {
    throw new Error(
      `--batch-size must be at most ${LIMITS.maxBatchPasses} (the chaincode's largest batch)\n${USAGE}`,
    );
  }
  const controller = values.controller;
  if (controller !== 'held' && controller !== 'fixed') {
    throw new Error(`--controller must be held or fixed, not '${controller ?? ''}'\n${USAGE}`);
  }
  return {
    controller,
    inFlight: positive('in-flight'),
    seconds: positive('seconds'),
    batchSize,
    batches: positive('batches'),
    batchInFlight: positive('batch-in-flight'),
  };
}
