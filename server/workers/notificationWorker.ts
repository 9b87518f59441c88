import type { Database } from '../db/client.js';
import { createNotificationProcessors } from '../notifications/createNotificationProcessors.js';
import type { QueueProcessors } from '../queue/jobRunner.js';

/**
 * Processors of the `notifications` queue: concurrency 10, no limiter (see
 * server/queue/config.ts). Rows are pushed to open streams through
 * PostgreSQL NOTIFY, whichever store ran the job.
 */
export function createNotificationWorkerProcessors(
  db: Database,
): QueueProcessors {
  return createNotificationProcessors(db) as unknown as QueueProcessors;
}
