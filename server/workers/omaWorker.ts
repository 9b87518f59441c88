import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createOmaProcessors } from '../omaJobs/createOmaProcessors.js';
import type { QueueProcessors } from '../queue/jobRunner.js';

/**
 * Processors of the `oma` queue: concurrency 4, no limiter, a lock of one
 * minute (see server/queue/config.ts). Reading a file is CPU work bounded
 * by OMA_MAX_FILE_BYTES, so a job takes milliseconds, not minutes.
 */
export function createOmaWorkerProcessors(
  config: Config,
  db: Database,
): QueueProcessors {
  return createOmaProcessors({
    db,
    uploadsDir: config.uploadsDir,
  }) as unknown as QueueProcessors;
}
