import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { startPlatform, type Platform } from './platform.js';

/**
 * Runs the platform as a process: reads the configuration (one line per
 * problem and exit 1 when it is wrong), starts, and stops cleanly on
 * SIGTERM or SIGINT with exit code 0.
 */
export async function runProcess(http: boolean): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      process.stderr.write(`Configuration error: ${problem}\n`);
    }
    process.exit(1);
  }
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.env === 'development',
  });

  let platform: Platform;
  try {
    platform = await startPlatform({ config, logger, http });
  } catch (error) {
    logger.fatal({ err: error }, 'server.start_failed');
    process.exit(1);
  }
  handleShutdownSignals(platform, logger);
}

function handleShutdownSignals(platform: Platform, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'server.stopping');
    platform.close().then(
      () => {
        logger.info('server.stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'server.stop_failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
