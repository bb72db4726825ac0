import { newLogger } from 'fabric-shim';

/** The fabric-shim loggers that log on every transaction and on every ledger call of one. */
export const SHIM_LOGGERS = [
  'lib/chaincode.js',
  'lib/handler.js',
  'lib/stub.js',
  'lib/iterators.js',
  'contracts-spi/chaincodefromcontract.js',
  'contracts-spi/datamarshall.js',
] as const;

type ShimLogger = ReturnType<typeof newLogger>;
type LogMethod = (...args: unknown[]) => ShimLogger;
const checked = Symbol('levels checked before formatting');

/**
 * Makes the shim's loggers drop a message below their level before formatting it.
 *
 * winston runs every message through its whole format chain (timestamp, metadata, colours, padding and a JSON
 * rendering of the arguments) and only then lets the transport drop it by level. The shim writes several
 * debug lines per ledger call, so a booking that reads and writes fourteen keys formatted about a hundred
 * messages that were never shown. Each level method now asks `isLevelEnabled` first, so a level turned on
 * later (by `setLevel` or a logger's `level`) still logs. Calling this again changes nothing.
 */
export function checkLevelBeforeFormatting(names: readonly string[] = SHIM_LOGGERS): void {
  for (const name of names) {
    const logger = newLogger(name) as ShimLogger & { [checked]?: true };
    if (logger[checked] === true) {
      continue;
    }
    const methods = logger as unknown as Record<string, LogMethod>;
    for (const level of Object.keys(logger.levels)) {
      const log = methods[level];
      if (typeof log === 'function') {
        methods[level] = (...args) => (logger.isLevelEnabled(level) ? log.apply(logger, args) : logger);
      }
    }
    logger[checked] = true;
  }
}
