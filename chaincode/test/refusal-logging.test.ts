import { newLogger } from 'fabric-shim';
import '../src/contracts/respond';
import { ChaincodeError } from '../src/errors';

type ShimLogger = ReturnType<typeof newLogger>;

const LEVEL = Symbol.for('level');

interface Captured {
  readonly level: unknown;
  readonly message: string;
}

/** Every record a framework logger hands its transport while `write` runs, with the level it is filtered on. */
async function recordsOf(name: string, write: (logger: ShimLogger) => void): Promise<Captured[]> {
  const logger = newLogger(name);
  const records: Captured[] = [];
  const collect = (record: Record<string | symbol, unknown>): void => {
    records.push({ level: record[LEVEL], message: String(record.message).trim() });
  };
  logger.on('data', collect);
  // The records are read here; the console need not show them.
  logger.transports.forEach((transport) => {
    transport.silent = true;
  });
  try {
    write(logger);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    logger.off('data', collect);
    logger.transports.forEach((transport) => {
      transport.silent = false;
    });
  }
  return records;
}

// The lines fabric-contract-api and fabric-shim write about a failed transaction, as their sources build them.
const contractLine = (error: Error): string => `[stadspas-1a2b3c4d] ${String(error)}`;
const responseLine = (error: Error): string =>
  `[stadspas-1a2b3c4d] Calling chaincode Invoke() returned error response [${error.message}]. Sending COMPLETED message back to peer`;

describe('how failed transactions are logged', () => {
  const refusal = new ChaincodeError('INSUFFICIENT_BALANCE', 'voucher has 0 of 1 left');

  it('when a redemption is refused, then the contract API logs it as one info line without a stack', async () => {
    const records = await recordsOf('contracts-spi/chaincodefromcontract.js', (logger) =>
      logger.error(contractLine(refusal)),
    );

    expect(records).toEqual([
      {
        level: 'info',
        message: '[stadspas-1a2b3c4d] ChaincodeError: INSUFFICIENT_BALANCE: voucher has 0 of 1 left',
      },
    ]);
    expect(records[0]?.message).not.toContain('\n');
  });

  it('when a redemption is refused, then the shim’s repeat of the error response goes to debug', async () => {
    const records = await recordsOf('lib/handler.js', (logger) => logger.error(responseLine(refusal)));

    expect(records.map((record) => record.level)).toEqual(['debug']);
  });

  it('when a transaction fails unexpectedly, then both lines stay errors', async () => {
    const fault = new TypeError('Cannot read properties of undefined');

    const contract = await recordsOf('contracts-spi/chaincodefromcontract.js', (logger) =>
      logger.error(contractLine(fault)),
    );
    const response = await recordsOf('lib/handler.js', (logger) => logger.error(responseLine(fault)));

    expect([...contract, ...response].map((record) => record.level)).toEqual(['error', 'error']);
  });

  it('when an error only looks like a refusal, then it stays an error', async () => {
    const records = await recordsOf('contracts-spi/chaincodefromcontract.js', (logger) =>
      logger.error(contractLine(new ChaincodeError('NOT_A_CODE' as never, 'made up'))),
    );

    expect(records.map((record) => record.level)).toEqual(['error']);
  });
});
