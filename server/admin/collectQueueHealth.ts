import { JOB_STORES, type JobStoreName } from '../db/schema.js';
import { HOUR, QUEUE_NAMES, type QueueName } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import type { JobCounts } from '../queue/jobStore.js';
import { withTimeout } from '../queue/withTimeout.js';

/** At most this many recent failed jobs are read per queue and store. */
export const FAILED_SCAN_LIMIT = 500;
const STORE_READ_TIMEOUT_MS = 2000;

/** One queue in one store; `readable: false` when the store did not answer. */
export interface QueueHealth {
  queue: QueueName;
  store: JobStoreName;
  readable: boolean;
  counts: JobCounts | null;
  /** Failed in the last hour; `FAILED_SCAN_LIMIT` means at least that many. */
  failedLastHour: number | null;
  oldestWaitingAgeMs: number | null;
  oldestWaitingJobId: string | null;
}

/** What the health page shows. */
export interface PlatformQueueHealth {
  storeInUse: JobStoreName;
  redis: {
    up: boolean;
    sinceAt: string;
    failovers: number;
    warnings: string[];
  };
  queues: QueueHealth[];
}

async function readQueue(
  jobQueue: JobQueue,
  store: JobStoreName,
  queue: QueueName,
  now: number,
): Promise<QueueHealth> {
  const storeQueue = jobQueue.store(store).queue(queue);
  const [counts, failed, oldest] = await Promise.all([
    jobQueue.store(store).getCounts(queue),
    // Failed jobs come newest first, so the scan stops being exact only
    // past the limit, which the page shows as "500+".
    storeQueue.getJobs(['failed'], 0, FAILED_SCAN_LIMIT - 1),
    storeQueue.getJobs(['waiting'], 0, 0, true),
  ]);
  const since = now - HOUR;
  const oldestJob = oldest.find(Boolean);
  return {
    queue,
    store,
    readable: true,
    counts,
    failedLastHour: failed.filter((job) => (job?.finishedOn ?? 0) >= since)
      .length,
    oldestWaitingAgeMs: oldestJob ? now - oldestJob.timestamp : null,
    oldestWaitingJobId: oldestJob?.id ?? null,
  };
}

/**
 * Store in use, Redis state and, per queue and store, failures of the last
 * hour and the age of the oldest waiting job. A store that does not answer
 * within two seconds shows as unreadable instead of holding the page.
 */
export async function collectQueueHealth(
  jobQueue: JobQueue,
  now = Date.now(),
): Promise<PlatformQueueHealth> {
  const redisUp = jobQueue.redisHealth.isUp();
  const queues = await Promise.all(
    JOB_STORES.flatMap((store) =>
      QUEUE_NAMES.map(async (queue): Promise<QueueHealth> => {
        const unreadable: QueueHealth = {
          queue,
          store,
          readable: false,
          counts: null,
          failedLastHour: null,
          oldestWaitingAgeMs: null,
          oldestWaitingJobId: null,
        };
        if (store === 'redis' && !redisUp) return unreadable;
        return withTimeout(
          readQueue(jobQueue, store, queue, now),
          STORE_READ_TIMEOUT_MS,
        ).catch(() => unreadable);
      }),
    ),
  );
  const redis = jobQueue.redisHealth.snapshot();
  return {
    storeInUse: jobQueue.currentStore(),
    redis: {
      up: redis.up,
      sinceAt: redis.sinceAt.toISOString(),
      failovers: redis.failovers,
      warnings: redis.warnings,
    },
    queues,
  };
}
