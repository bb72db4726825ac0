import { newLogger } from 'fabric-shim';
import { checkLevelBeforeFormatting } from '../src/contracts/shim-log-levels';

type ShimLogger = ReturnType<typeof newLogger>;

/** How many times the logger's format chain ran while `write` ran. */
function formatsDuring(logger: ShimLogger, write: () => void): number {
  const format = logger.format;
  const transform = format.transform;
  let count = 0;
  format.transform = (record, options) => {
    count += 1;
    return transform.call(format, record, options);
  };
  logger.transports.forEach((transport) => {
    transport.silent = true;
  });
  try {
    write();
  } finally {
    format.transform = transform;
    logger.transports.forEach((transport) => {
      transport.silent = false;
    });
  }
  return count;
}

describe('the shim loggers check the level before formatting', () => {
  const name = 'stadspas-test/levels.js';
  let logger: ShimLogger;

  beforeEach(() => {
    logger = newLogger(name);
    logger.level = 'warn';
  });

  it('when the level is warn, then an unchanged shim logger still formats every debug message', () => {
    const plain = newLogger('stadspas-test/unchanged.js');
    plain.level = 'warn';

    expect(
      formatsDuring(plain, () => plain.debug('getState called with key:%s', 'pass\u0000p-1\u0000')),
    ).toBe(1);
  });

  it('when the level is warn, then debug and info messages are dropped before formatting', () => {
    checkLevelBeforeFormatting([name]);

    expect(
      formatsDuring(logger, () => {
        logger.debug('getState called with key:%s', 'pass\u0000p-1\u0000');
        logger.info('Calling chaincode Invoke() succeeded');
      }),
    ).toBe(0);
  });

  it('when the level is warn, then warnings and errors are still formatted', () => {
    checkLevelBeforeFormatting([name]);

    expect(
      formatsDuring(logger, () => {
        logger.warn('slow peer');
        logger.error('stream ended');
      }),
    ).toBe(2);
  });

  it('when the level is raised to debug later, then debug messages log again', () => {
    checkLevelBeforeFormatting([name]);
    logger.level = 'debug';

    expect(formatsDuring(logger, () => logger.debug('getState called with key:%s', 'k'))).toBe(1);
  });

  it('when it runs twice, then the second run leaves the level methods as the first made them', () => {
    checkLevelBeforeFormatting([name]);
    const debug = logger.debug;

    checkLevelBeforeFormatting([name]);

    expect(logger.debug).toBe(debug);
  });

  it('the chaincode checks the loggers of the transaction path when its contracts load', async () => {
    await import('../src/contracts/respond');
    const handler = newLogger('lib/handler.js');
    handler.level = 'warn';

    expect(formatsDuring(handler, () => handler.debug('Received chat message from peer'))).toBe(0);
  });
});
