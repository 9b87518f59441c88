import { createLogger, type Logger } from '../../server/logger.js';

/** Silent unless TEST_LOG_LEVEL asks for lines while debugging a test. */
export function createTestLogger(): Logger {
  return createLogger({
    level: process.env.TEST_LOG_LEVEL ?? 'silent',
    pretty: false,
  });
}
