import type { Executor } from '../db/client.js';
import type { JobStoreName } from '../db/schema.js';
import type { QueueName } from './config.js';
import type { JobQueue } from './jobQueue.js';
import { findOutboxJob } from './outbox.js';
import { withTimeout } from './withTimeout.js';

/** A job as an API caller sees it, from whichever store holds it. */
export interface JobStatus {
  id: string;
  queue: QueueName;
  name: string;
  /**
   * `pending`: in the outbox, not yet in a store. `removed`: finished and
   * past its retention. `unknown`: the store that holds it cannot be read.
   * Otherwise BullMQ's own state (waiting, active, completed, failed, …).
   */
  state: string;
  store: JobStoreName | null;
  companyId: string | null;
  attemptsMade: number;
  maxAttempts: number | null;
  progress: unknown;
  result: unknown;
  failedReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const STORE_READ_TIMEOUT_MS = 2000;

/** Reads a job's outbox row, then its state in the store that runs it. */
export async function getJobStatus(
  executor: Executor,
  jobQueue: JobQueue,
  queue: QueueName,
  id: string,
): Promise<JobStatus | undefined> {
  const row = await findOutboxJob(executor, queue, id);
  if (!row) return undefined;
  const status: JobStatus = {
    id: row.id,
    queue,
    name: row.name,
    state: row.store ? 'removed' : 'pending',
    store: row.store,
    companyId: row.companyId,
    attemptsMade: 0,
    maxAttempts: null,
    progress: null,
    result: null,
    failedReason: null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: null,
  };
  if (!row.store) return status;

  try {
    // State first: a job read before it finished would pair a stale result
    // with a newer state.
    const store = jobQueue.store(row.store);
    const state = await withTimeout(
      store.queue(queue).getJobState(id),
      STORE_READ_TIMEOUT_MS,
    );
    const job = await withTimeout(
      store.getJob(queue, id),
      STORE_READ_TIMEOUT_MS,
    );
    if (!job || state === 'unknown') return status;
    return {
      ...status,
      state,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? null,
      progress: job.progress ?? null,
      result: job.returnvalue ?? null,
      failedReason: job.failedReason || null,
      finishedAt: job.finishedOn
        ? new Date(job.finishedOn).toISOString()
        : null,
    };
  } catch {
    return { ...status, state: 'unknown' };
  }
}
