import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { JobContext } from '../../server/workers/jobProcessor.js';

/** A job context as the worker host would pass it, with a silent logger. */
export function createTestJobContext(
  jobName: string,
  overrides: Partial<JobContext> = {},
): JobContext {
  return {
    jobId: randomUUID(),
    jobName,
    attempt: 1,
    maxAttempts: 3,
    logger: pino({ level: 'silent' }),
    reportProgress: async () => {},
    ...overrides,
  };
}
