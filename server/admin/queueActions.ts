import type { Database } from '../db/client.js';
import { JOB_STORES, type JobStoreName } from '../db/schema.js';
import { ConflictError } from '../errors/conflictError.js';
import { NotFoundError } from '../errors/notFoundError.js';
import type { QueueName } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { findOutboxJob } from '../queue/outbox.js';
import { withTimeout } from '../queue/withTimeout.js';

const STORE_ACTION_TIMEOUT_MS = 5000;
/** Jobs one clean call removes at most, per store. */
const CLEAN_LIMIT = 10_000;

/** States whose jobs `cleanQueue` may remove. */
export const CLEANABLE_STATES = [
  'completed',
  'failed',
  'delayed',
  'wait',
  'paused',
] as const;
export type CleanableState = (typeof CLEANABLE_STATES)[number];

/** What one action did in one store; a store that is down says so. */
export type StoreOutcome =
  | { store: JobStoreName; ok: true; count?: number }
  | { store: JobStoreName; ok: false; error: string };

/**
 * Retries one failed job in the store its outbox row names.
 * Answers 404 for an unknown job and 409 when its state cannot be retried.
 */
export async function retryJob(
  db: Database,
  jobQueue: JobQueue,
  queue: QueueName,
  id: string,
): Promise<{ store: JobStoreName; previousState: string }> {
  const row = await findOutboxJob(db, queue, id);
  const store = row?.store;
  const job = store ? await jobQueue.store(store).getJob(queue, id) : undefined;
  if (!store || !job) throw new NotFoundError('Job', { queue, id });
  // A completed job is not retried: for an email it would send it twice.
  const state = await job.getState();
  if (state !== 'failed') {
    throw new ConflictError(`A ${state} job cannot be retried`, {
      queue,
      id,
      state,
    });
  }
  await job.retry(state);
  return { store, previousState: state };
}

/** Runs `action` on the queue in each store, each bounded in time. */
async function inEveryStore(
  jobQueue: JobQueue,
  action: (store: JobStoreName) => Promise<number | undefined>,
): Promise<StoreOutcome[]> {
  return Promise.all(
    JOB_STORES.map(async (store): Promise<StoreOutcome> => {
      if (store === 'redis' && !jobQueue.redisHealth.isUp()) {
        return { store, ok: false, error: 'Redis is down' };
      }
      try {
        const count = await withTimeout(action(store), STORE_ACTION_TIMEOUT_MS);
        return count === undefined
          ? { store, ok: true }
          : { store, ok: true, count };
      } catch (error) {
        return { store, ok: false, error: (error as Error).message };
      }
    }),
  );
}

/** Moves every failed job of the queue back to waiting, in both stores. */
export function retryFailedJobs(
  jobQueue: JobQueue,
  queue: QueueName,
): Promise<StoreOutcome[]> {
  return inEveryStore(jobQueue, async (store) => {
    const storeQueue = jobQueue.store(store).queue(queue);
    const { failed = 0 } = await storeQueue.getJobCounts('failed');
    await storeQueue.retryJobs({ state: 'failed' });
    return failed;
  });
}

/** Removes jobs in `state` older than `olderThanMs`, in both stores. */
export function cleanQueue(
  jobQueue: JobQueue,
  queue: QueueName,
  state: CleanableState,
  olderThanMs: number,
): Promise<StoreOutcome[]> {
  return inEveryStore(jobQueue, async (store) => {
    const removed = await jobQueue
      .store(store)
      .queue(queue)
      .clean(olderThanMs, CLEAN_LIMIT, state);
    return removed.length;
  });
}

/** Pauses or resumes the queue's workers everywhere, in both stores. */
export function setQueuePaused(
  jobQueue: JobQueue,
  queue: QueueName,
  paused: boolean,
): Promise<StoreOutcome[]> {
  return inEveryStore(jobQueue, async (store) => {
    const storeQueue = jobQueue.store(store).queue(queue);
    await (paused ? storeQueue.pause() : storeQueue.resume());
    return undefined;
  });
}
