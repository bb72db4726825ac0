import { parseArgs } from 'node:util';
import type { LoadController } from './caliper-config';

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
  const positive = (name: string): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`--${name} must be a positive whole number, not '${values[name] ?? ''}'\n${USAGE}`);
    }
    return value;
  };
  const batchSize = positive('batch-size');
  if (batchSize > 500) {
    throw new Error(`--batch-size must be at most 500 (the chaincode's largest batch)\n${USAGE}`);
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
