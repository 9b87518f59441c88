import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { activeJobQueue } from '../queue/activeJobQueue.js';
import type { QueueProcessors } from '../queue/jobRunner.js';
import { createScheduledProcessors } from '../scheduling/createScheduledProcessors.js';
import {
  createScheduleSync,
  loadPlatformSchedules,
} from '../scheduling/scheduleSync.js';
import { sweepRetention } from '../scheduling/sweepRetention.js';

/**
 * Processors of the `scheduled` queue: concurrency 1 (see
 * server/queue/config.ts). Ticks come from the job schedulers that
 * server/scheduling/scheduleSync.ts keeps on both stores.
 */
export function createScheduledWorkerProcessors(
  config: Config,
  db: Database,
  logger: Logger,
): QueueProcessors {
  return createScheduledProcessors({
    db,
    jobQueue: activeJobQueue,
    sweep: () =>
      sweepRetention({
        db,
        uploadsDir: config.uploadsDir,
        retention: config.retention,
        logger,
      }),
    syncSchedules: () =>
      createScheduleSync({
        jobQueue: activeJobQueue(),
        logger,
        loadDefinitions: () => loadPlatformSchedules(db),
      }).syncAll(),
  }) as unknown as QueueProcessors;
}
