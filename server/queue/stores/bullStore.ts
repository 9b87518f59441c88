import type {
  JobsOptions,
  Processor,
  QueueOptions,
  WorkerOptions,
} from 'bullmq';
import type { JobStoreName } from '../../db/schema.js';
import {
  DEFAULT_JOB_OPTIONS,
  QUEUE_JOB_OPTIONS,
  SECOND,
  type QueueName,
  type QueueSettings,
} from '../config.js';
import type {
  JobCounts,
  JobStore,
  StoreQueue,
  StoreWorker,
} from '../jobStore.js';
import { settleWithin } from '../settleWithin.js';

/** Queues of a store that is down never finish closing on their own. */
const QUEUE_CLOSE_WAIT_MS = 2000;
/** BullMQ's own default; shorter locks get checks as often as they expire. */
const MAX_STALLED_CHECK_INTERVAL_MS = 30 * SECOND;

type QueueConstructor = new (
  name: string,
  options: QueueOptions<never>,
) => StoreQueue;
type WorkerConstructor = new (
  name: string,
  processor: Processor,
  options: WorkerOptions<never>,
) => StoreWorker;

/** What differs between the Redis and the PostgreSQL store. */
export interface BullStoreParts {
  name: JobStoreName;
  Queue: QueueConstructor;
  Worker: WorkerConstructor;
  /** Options for producer-side queues: fail fast. */
  queueConnection(): Record<string, unknown>;
  /** Options for one worker: patient, reconnecting forever. */
  workerConnection(): Record<string, unknown>;
  /** Closes connections the store made itself. */
  closeConnections(): Promise<void>;
  /** Replaces every queue's lock duration (`JOB_LOCK_DURATION_MS`). */
  lockDurationMs?: number;
}

/** A JobStore on BullMQ's own classes, for either backend. */
export function createBullStore(parts: BullStoreParts): JobStore {
  const queues = new Map<QueueName, StoreQueue>();

  function queue(name: QueueName): StoreQueue {
    let existing = queues.get(name);
    if (!existing) {
      existing = new parts.Queue(name, {
        ...parts.queueConnection(),
        defaultJobOptions: {
          ...DEFAULT_JOB_OPTIONS,
          ...QUEUE_JOB_OPTIONS[name],
        },
      } as QueueOptions<never>);
      // Connection trouble is watched by the health monitor; an unheard
      // 'error' event would otherwise crash the process.
      existing.on('error', () => {});
      queues.set(name, existing);
    }
    return existing;
  }

  return {
    name: parts.name,
    queue,

    async add(queueName, job, options?: JobsOptions) {
      await queue(queueName).add(job.name, job.data, {
        ...options,
        jobId: job.id,
      });
    },

    async getJob(queueName, id) {
      return (await queue(queueName).getJob(id)) ?? undefined;
    },

    async getCounts(queueName): Promise<JobCounts> {
      const counts = await queue(queueName).getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'completed',
        'failed',
        'delayed',
      );
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
        delayed: counts.delayed ?? 0,
      };
    },

    createWorker(queueName, processor, settings: QueueSettings) {
      const lockDurationMs = parts.lockDurationMs ?? settings.lockDurationMs;
      return new parts.Worker(queueName, processor, {
        ...parts.workerConnection(),
        concurrency: settings.concurrency,
        // A job of a dead worker runs again once its lock expired and a
        // stalled check saw it: within about two lock durations.
        lockDuration: lockDurationMs,
        stalledInterval: Math.min(
          lockDurationMs,
          MAX_STALLED_CHECK_INTERVAL_MS,
        ),
        ...(settings.limiter
          ? {
              limiter: {
                max: settings.limiter.max,
                duration: settings.limiter.durationMs,
              },
            }
          : {}),
      } as WorkerOptions<never>);
    },

    async close() {
      const closing = [...queues.values()].map((q) => q.close());
      queues.clear();
      await settleWithin(Promise.allSettled(closing), QUEUE_CLOSE_WAIT_MS);
      await parts.closeConnections();
    },
  };
}
