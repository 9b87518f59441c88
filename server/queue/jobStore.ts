import type { Job, JobsOptions, Processor, Queue, Worker } from 'bullmq';
import type { JobStoreName } from '../db/schema.js';
import type { QueueName, QueueSettings } from './config.js';

/** Job counts of one queue in one store, as `getQueueStats()` reports them. */
export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

// The two stores instantiate BullMQ's classes with different backends; the
// rest of the code only uses what both have in common.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreQueue = Queue<any, any, string, any, any, string, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreWorker = Worker<any, any, string, any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreJob = Job<any, any, string>;

/**
 * One place where BullMQ keeps jobs: Redis (primary) or PostgreSQL
 * (fallback). Only server/queue knows which one runs a job.
 */
export interface JobStore {
  readonly name: JobStoreName;
  /** The producer-side queue, created on first use. */
  queue(name: QueueName): StoreQueue;
  /** Adds a job under the outbox id; adding the same id twice is a no-op. */
  add(
    queue: QueueName,
    job: { id: string; name: string; data: unknown },
    options?: JobsOptions,
  ): Promise<void>;
  getJob(queue: QueueName, id: string): Promise<StoreJob | undefined>;
  getCounts(queue: QueueName): Promise<JobCounts>;
  createWorker(
    queue: QueueName,
    processor: Processor,
    settings: QueueSettings,
  ): StoreWorker;
  close(): Promise<void>;
}
