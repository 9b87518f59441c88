import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import { JOB_STORES } from '../db/schema.js';
import { QUEUE_NAMES } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import type { JobAttemptOutcome, JobObserver } from '../queue/jobRunner.js';
import { withTimeout } from '../queue/withTimeout.js';

/** A scrape waits at most this long for each store's counts. */
const COUNTS_TIMEOUT_MS = 2000;
const PREFIX = 'integratedlens_';
const JOB_DURATION_BUCKETS_SECONDS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
];
const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The platform's Prometheus metrics, in a registry of its own so that
 * several platforms in one process (tests) do not share series. Job
 * counters move as workers finish attempts; queue depths, store and Redis
 * state are read when Prometheus scrapes.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  readonly jobObserver: JobObserver;
  private jobQueue: JobQueue | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const labelNames = ['queue', 'job_name', 'store'] as const;
    const duration = new Histogram({
      name: `${PREFIX}job_duration_seconds`,
      help: 'Time one job attempt ran, by outcome',
      labelNames: [...labelNames, 'outcome'],
      buckets: JOB_DURATION_BUCKETS_SECONDS,
      registers,
    });
    const completed = new Counter({
      name: `${PREFIX}jobs_completed_total`,
      help: 'Job attempts that completed',
      labelNames,
      registers,
    });
    const failed = new Counter({
      name: `${PREFIX}jobs_failed_total`,
      help: 'Job attempts that failed; final="true" when no retry follows',
      labelNames: [...labelNames, 'final'],
      registers,
    });
    this.jobObserver = {
      onAttemptFinished: (attempt: JobAttemptOutcome) => {
        const labels = {
          queue: attempt.queue,
          job_name: attempt.jobName,
          store: attempt.store,
        };
        duration.observe(
          { ...labels, outcome: attempt.outcome },
          attempt.durationMs / 1000,
        );
        if (attempt.outcome === 'completed') completed.inc(labels);
        else failed.inc({ ...labels, final: String(attempt.final) });
      },
    };
    this.registerQueueGauges();
  }

  /** Reads queue depths and store state from this queue layer on scrape. */
  watch(jobQueue: JobQueue): void {
    this.jobQueue = jobQueue;
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return {
      contentType: this.registry.contentType,
      body: await this.registry.metrics(),
    };
  }

  private registerQueueGauges(): void {
    const registers = [this.registry];
    const currentQueue = () => this.jobQueue;
    new Gauge({
      name: `${PREFIX}queue_jobs`,
      help: 'Jobs per queue, store and state, read at scrape time',
      labelNames: ['queue', 'store', 'state'],
      registers,
      async collect() {
        this.reset();
        const jobQueue = currentQueue();
        if (!jobQueue) return;
        for (const store of JOB_STORES) {
          if (store === 'redis' && !jobQueue.redisHealth.isUp()) continue;
          const counts = await withTimeout(
            Promise.all(
              QUEUE_NAMES.map((queue) =>
                jobQueue.store(store).getCounts(queue),
              ),
            ),
            COUNTS_TIMEOUT_MS,
          ).catch(() => undefined);
          counts?.forEach((perQueue, index) => {
            for (const state of COUNTED_STATES) {
              const queue = QUEUE_NAMES[index]!;
              this.set({ queue, store, state }, perQueue[state]);
            }
          });
        }
      },
    });
    new Gauge({
      name: `${PREFIX}queue_store_in_use`,
      help: '1 for the store new jobs go to, 0 for the other',
      labelNames: ['store'],
      registers,
      collect() {
        const inUse = currentQueue()?.currentStore();
        for (const store of JOB_STORES) {
          this.set({ store }, store === inUse ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: `${PREFIX}redis_up`,
      help: '1 while the health monitor sees Redis answer',
      registers,
      collect() {
        this.set(currentQueue()?.redisHealth.isUp() ? 1 : 0);
      },
    });
    new Counter({
      name: `${PREFIX}redis_failovers_total`,
      help: 'Times Redis went down and new jobs turned to PostgreSQL',
      registers,
      collect() {
        this.reset();
        this.inc(currentQueue()?.redisHealth.snapshot().failovers ?? 0);
      },
    });
  }
}
