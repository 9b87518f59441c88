import type { Database } from '../db/client.js';
import { companies } from '../db/schema.js';
import { toError } from '../errors/appError.js';
import type { Logger } from '../logger.js';
import { SECOND } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import type { JobStore } from '../queue/jobStore.js';
import { withTimeout } from '../queue/withTimeout.js';
import {
  buildPlatformSchedules,
  type ScheduleDefinition,
} from './scheduleDefinitions.js';
import { syncStoreSchedulers } from './syncStoreSchedulers.js';

/** A store that does not answer within this is synced when it comes up. */
const STORE_SYNC_TIMEOUT_MS = 10 * SECOND;

export interface ScheduleSyncOptions {
  jobQueue: JobQueue;
  logger: Logger;
  /** The schedules wanted now; by default every company's and the platform's. */
  loadDefinitions: () => Promise<ScheduleDefinition[]>;
}

/** Keeps both stores' job schedulers equal to the wanted schedules. */
export interface ScheduleSync {
  /** Syncs PostgreSQL, and Redis when it is up; then Redis on each 'up'. */
  start(): Promise<void>;
  /** Syncs every store that is reachable now. */
  syncAll(): Promise<void>;
  stop(): Promise<void>;
}

/** The platform's schedules, from the companies table. */
export function loadPlatformSchedules(
  db: Database,
): Promise<ScheduleDefinition[]> {
  return db
    .select({ id: companies.id, timeZone: companies.timeZone })
    .from(companies)
    .then(buildPlatformSchedules);
}

/**
 * Each store runs its own schedulers, so both get them. Redis may be down
 * at start-up: that must not hold the server back, so Redis is synced
 * whenever the health monitor sees it come up (again).
 */
export function createScheduleSync(options: ScheduleSyncOptions): ScheduleSync {
  const { jobQueue } = options;
  const logger = options.logger.child({ component: 'schedules' });
  const inFlight = new Set<Promise<void>>();

  async function syncStore(store: JobStore): Promise<void> {
    try {
      const definitions = await options.loadDefinitions();
      const outcome = await withTimeout(
        syncStoreSchedulers(store.queue('scheduled'), definitions),
        STORE_SYNC_TIMEOUT_MS,
      );
      logger.info({ store: store.name, ...outcome }, 'schedules.synced');
    } catch (error) {
      logger.warn(
        { store: store.name, err: toError(error).message },
        'schedules.sync_failed',
      );
    }
  }

  function track(sync: Promise<void>): Promise<void> {
    inFlight.add(sync);
    return sync.finally(() => inFlight.delete(sync));
  }

  function syncAll(): Promise<void> {
    const stores = [jobQueue.postgresStore];
    if (jobQueue.redisHealth.isUp()) stores.push(jobQueue.redisStore);
    return track(Promise.all(stores.map(syncStore)).then(() => undefined));
  }

  const onRedisUp = () => void track(syncStore(jobQueue.redisStore));

  return {
    async start() {
      await syncAll();
      jobQueue.redisHealth.on('up', onRedisUp);
    },
    syncAll,
    async stop() {
      jobQueue.redisHealth.off('up', onRedisUp);
      await Promise.allSettled([...inFlight]);
    },
  };
}
