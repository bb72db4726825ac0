import { newLogger } from 'fabric-shim';
import { isErrorCode } from '../vocabulary';

type ShimLogger = ReturnType<typeof newLogger>;
type LogRecord = Parameters<ShimLogger['format']['transform']>[0];

/** Where winston keeps the level its transports filter on. */
const LEVEL = Symbol.for('level');
const adjusted = Symbol('refusals logged as info');

/**
 * The two framework loggers that report a failed transaction, the shape of their record about it, and the
 * level that record gets when the failure is a refusal of the catalogue:
 * fabric-contract-api logs the thrown error (`[channel-tx] ChaincodeError: CODE: detail`), one line and no
 * stack, which stays as the one info line; fabric-shim then repeats the error response, which goes to debug.
 */
const frameworkRecords = [
  {
    logger: 'contracts-spi/chaincodefromcontract.js',
    pattern: /\] ChaincodeError: ([A-Z_]+): /,
    level: 'info',
  },
  { logger: 'lib/handler.js', pattern: /returned error response \[([A-Z_]+): /, level: 'debug' },
] as const;

function isRefusal(record: LogRecord, pattern: RegExp): boolean {
  const code = typeof record.message === 'string' ? pattern.exec(record.message)?.[1] : undefined;
  return code !== undefined && isErrorCode(code);
}

/**
 * Logs a refused transaction (a ChaincodeError with a code of the catalogue, such as INSUFFICIENT_BALANCE or
 * PASS_BLOCKED) as normal operation: one info line without a stack, instead of fabric's two error lines. Any
 * other failure stays an error. The framework loggers are the named ones fabric-shim's `newLogger` hands out;
 * each gets a format that lowers the level of its refusal records before they reach the transport. Calling
 * this again changes nothing.
 */
export function logRefusalsAsInfo(): void {
  for (const { logger: name, pattern, level } of frameworkRecords) {
    const logger = newLogger(name) as ShimLogger & { [adjusted]?: true };
    if (logger[adjusted] === true) {
      continue;
    }
    const format = logger.format;
    const transform = format.transform.bind(format);
    format.transform = (record, options): ReturnType<typeof transform> => {
      if (record[LEVEL] === 'error' && isRefusal(record, pattern)) {
        record.level = level;
        record[LEVEL] = level;
      }
      return transform(record, options);
    };
    logger[adjusted] = true;
  }
}
