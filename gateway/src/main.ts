import pino from 'pino';
import { ConfigError, loadConfigFile } from './config/load-config';
import { startGateway } from './start-gateway';

// The only module that reads the command line and the environment; everything below takes options.

const shutdownGraceMs = 10_000;

function configPathFrom(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--config');
  return index >= 0 ? argv[index + 1] : process.env.STADSPAS_GATEWAY_CONFIG;
}

async function main(): Promise<void> {
  const configPath = configPathFrom(process.argv.slice(2));
  if (configPath === undefined) {
    process.stderr.write('usage: node dist/main.js --config <gateway config JSON> [--rebuild-read-model]\n');
    process.exitCode = 2;
    return;
  }
  const config = loadConfigFile(configPath);
  const logger = pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { org: config.org, pid: process.pid },
  });
  const gateway = await startGateway(config, configPath, logger, {
    rebuildReadModel: process.argv.includes('--rebuild-read-model'),
  });
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // In-flight requests get a grace period; a stuck one must not keep the process alive for ever.
    setTimeout(() => {
      logger.error('shutdown grace period over; exiting');
      process.exit(1);
    }, shutdownGraceMs).unref();
    gateway.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `gateway failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
