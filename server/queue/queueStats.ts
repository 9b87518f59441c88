import type { JobStoreName } from '../db/schema.js';
import { QUEUE_NAMES, QUEUE_SETTINGS } from './config.js';
import type { JobQueue } from './jobQueue.js';
import type { JobCounts } from './jobStore.js';
import { withTimeout } from './withTimeout.js';

type CountsByQueue = Record<string, JobCounts>;

/**
 * Counts of every queue summed over both stores, keyed as the platform
 * names them (`email`, `pdf`, …), with each store's own counts beside them.
 * A store that cannot be read shows `null` and adds nothing to the sums.
 */
export interface QueueStats {
  redis: boolean;
  store: JobStoreName;
  stores: Record<JobStoreName, CountsByQueue | null>;
  [queueKey: string]: unknown;
}

const STATS_TIMEOUT_MS = 2000;

function emptyCounts(): JobCounts {
  return { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 };
}

async function countStore(
  jobQueue: JobQueue,
  store: JobStoreName,
): Promise<CountsByQueue | null> {
  if (store === 'redis' && !jobQueue.redisHealth.isUp()) return null;
  try {
    const counts = await withTimeout(
      Promise.all(
        QUEUE_NAMES.map((queue) => jobQueue.store(store).getCounts(queue)),
      ),
      STATS_TIMEOUT_MS,
    );
    return Object.fromEntries(
      QUEUE_NAMES.map((queue, index) => [
        QUEUE_SETTINGS[queue].statsKey,
        counts[index]!,
      ]),
    );
  } catch {
    return null;
  }
}

/**
 * How old a count may be before it is read again. Counting the PostgreSQL
 * store costs a scan per queue and state, which grows with retained jobs
 * (hundreds of milliseconds at 100,000); dashboards and scripts polling
 * the stats share one reading per second instead of each paying for it.
 */
export const QUEUE_STATS_MAX_AGE_MS = 1000;

const recentStats = new WeakMap<
  JobQueue,
  { readAt: number; stats: Promise<QueueStats> }
>();

/**
 * Job counts per queue, summed over the Redis and PostgreSQL stores, at
 * most `maxAgeMs` old. Callers that arrive while a reading is under way
 * share it.
 */
export function collectQueueStats(
  jobQueue: JobQueue,
  { maxAgeMs = QUEUE_STATS_MAX_AGE_MS, now = Date.now } = {},
): Promise<QueueStats> {
  const recent = recentStats.get(jobQueue);
  if (recent && now() - recent.readAt < maxAgeMs) return recent.stats;
  const stats = readQueueStats(jobQueue);
  recentStats.set(jobQueue, { readAt: now(), stats });
  stats.catch(() => recentStats.delete(jobQueue));
  return stats;
}

async function readQueueStats(jobQueue: JobQueue): Promise<QueueStats> {
  const [redis, postgres] = await Promise.all([
    countStore(jobQueue, 'redis'),
    countStore(jobQueue, 'postgres'),
  ]);
  const stats: QueueStats = {
    redis: jobQueue.redisHealth.isUp(),
    store: jobQueue.currentStore(),
    stores: { redis, postgres },
  };
  for (const queue of QUEUE_NAMES) {
    const key = QUEUE_SETTINGS[queue].statsKey;
    const sum = emptyCounts();
    for (const perStore of [redis, postgres]) {
      const counts = perStore?.[key];
      if (!counts) continue;
      for (const state of Object.keys(sum) as (keyof JobCounts)[]) {
        sum[state] += counts[state];
      }
    }
    stats[key] = sum;
  }
  return stats;
}
