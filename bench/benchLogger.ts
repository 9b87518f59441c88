import os from 'node:os';
import pino from 'pino';
import type { Logger } from '../server/logger.js';

/**
 * A production-shaped logger (JSON at info, so every request and job line is
 * built and written) whose lines go to the null device instead of the
 * bench's own output.
 */
export function createBenchLogger(level = 'info'): Logger {
  return pino(
    { level, base: { service: 'integratedlens' } },
    pino.destination({ dest: os.devNull, sync: false }),
  );
}
