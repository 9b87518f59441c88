import { getNextMillis, type JobSchedulerJson } from 'bullmq';
import type { Database } from '../db/client.js';
import type { JobStoreName } from '../db/schema.js';
import { SECOND } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { withTimeout } from '../queue/withTimeout.js';
import { listLastRuns } from './scheduledRunRepository.js';

const STORE_READ_TIMEOUT_MS = 3 * SECOND;

/** One schedule as the operators' listing shows it. */
export interface ScheduleListing {
  id: string;
  pattern: string | null;
  timeZone: string;
  data: unknown;
  /** The next tick by the pattern, from now. */
  nextRunAt: string | null;
  /** Each store's own next tick; null when that store lacks the scheduler. */
  stores: Partial<Record<JobStoreName, { nextRunAt: string | null } | null>>;
  /** The newest period that ran, and when its tick claimed it. */
  lastRun: { periodStart: string; claimedAt: string } | null;
}

export interface ScheduleList {
  schedules: ScheduleListing[];
  /** Stores that could not be read (Redis while it is down). */
  unreachableStores: JobStoreName[];
}

function toIso(ms: number | null | undefined): string | null {
  return typeof ms === 'number' && Number.isFinite(ms)
    ? new Date(ms).toISOString()
    : null;
}

/** The schedulers of both stores, merged by id, with their next runs. */
export async function listSchedules(
  db: Database,
  jobQueue: JobQueue,
  now = new Date(),
): Promise<ScheduleList> {
  const stores = [jobQueue.postgresStore, jobQueue.redisStore];
  const byStore = new Map<JobStoreName, JobSchedulerJson[]>();
  const unreachableStores: JobStoreName[] = [];
  for (const store of stores) {
    if (store.name === 'redis' && !jobQueue.redisHealth.isUp()) {
      unreachableStores.push(store.name);
      continue;
    }
    try {
      const read = store.queue('scheduled').getJobSchedulers(0, -1, true);
      byStore.set(store.name, await withTimeout(read, STORE_READ_TIMEOUT_MS));
    } catch {
      unreachableStores.push(store.name);
    }
  }

  const lastRuns = await listLastRuns(db);
  const listings = new Map<string, ScheduleListing>();
  for (const [storeName, schedulers] of byStore) {
    for (const scheduler of schedulers) {
      const timeZone = scheduler.tz ?? 'UTC';
      const listing = listings.get(scheduler.key) ?? {
        id: scheduler.key,
        pattern: scheduler.pattern ?? null,
        timeZone,
        data: scheduler.template?.data ?? null,
        nextRunAt: scheduler.pattern
          ? toIso(
              getNextMillis(now.getTime(), {
                pattern: scheduler.pattern,
                tz: timeZone,
              }),
            )
          : null,
        stores: Object.fromEntries(
          [...byStore.keys()].map((name) => [name, null]),
        ),
        lastRun: null,
      };
      listing.stores[storeName] = { nextRunAt: toIso(scheduler.next) };
      const lastRun = lastRuns.get(scheduler.key);
      listing.lastRun = lastRun
        ? {
            periodStart: lastRun.periodStart.toISOString(),
            claimedAt: lastRun.claimedAt.toISOString(),
          }
        : null;
      listings.set(scheduler.key, listing);
    }
  }
  const schedules = [...listings.values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  return { schedules, unreachableStores };
}
