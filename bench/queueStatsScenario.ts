import { randomUUID } from 'node:crypto';
import { startPlatform } from '../server/platform.js';
import { QUEUE_NAMES, type QueueName } from '../server/queue/config.js';
import type { JobStore } from '../server/queue/jobStore.js';
import { createBenchConfig } from './benchConfig.js';
import { createBenchLogger } from './benchLogger.js';
import type { BenchServices } from './benchServices.js';
import { seedBenchTenant } from './benchTenant.js';
import { runLoad } from './runLoad.js';
import { elapsedMs, summarize, type Summary } from './stats.js';

export interface QueueStatsOptions {
  runs: number;
  /** Retained jobs in all, split evenly over the two stores. */
  retainedJobs: number;
  connections: number;
  durationSeconds: number;
}

export interface QueueStatsFigures {
  retainedJobs: number;
  fillSeconds: number;
  p50Ms: Summary;
  p99Ms: Summary;
  throughput: Summary;
  failures: number;
}

const BULK_SIZE = 1000;
/** A tenth of the jobs wait for a later time, the rest wait now. */
const DELAYED_SHARE = 0.1;
const DAY_MS = 86_400_000;

/**
 * Adds `count` jobs to one store, spread over every queue: waiting and
 * delayed, through BullMQ's own addBulk. No worker runs, so all stay.
 */
async function fillStore(store: JobStore, count: number): Promise<void> {
  const perQueue = Math.ceil(count / QUEUE_NAMES.length);
  for (const queue of QUEUE_NAMES as readonly QueueName[]) {
    for (let added = 0; added < perQueue; added += BULK_SIZE) {
      const size = Math.min(BULK_SIZE, perQueue - added);
      await store.queue(queue).addBulk(
        Array.from({ length: size }, (_, i) => ({
          name: 'bench-retained',
          data: { index: added + i },
          opts: {
            jobId: randomUUID(),
            ...((added + i) % 10 < DELAYED_SHARE * 10 ? { delay: DAY_MS } : {}),
          },
        })),
      );
    }
  }
}

/**
 * Scenario 6: `GET /api/admin/queue-stats` of the real server while both
 * stores hold `retainedJobs` jobs in all.
 */
export async function runQueueStatsScenario(
  services: BenchServices,
  options: QueueStatsOptions,
): Promise<QueueStatsFigures> {
  const database = await services.createDatabase('stats');
  const tenant = await seedBenchTenant(database.handle.db);
  const platform = await startPlatform({
    config: createBenchConfig({
      DATABASE_URL: database.url,
      REDIS_URL: services.redisUrl,
      RUN_WORKERS: 'false',
    }),
    logger: createBenchLogger(),
    http: true,
  });
  const results = [];
  let fillSeconds = 0;
  try {
    const startedAt = process.hrtime.bigint();
    const half = Math.ceil(options.retainedJobs / 2);
    await Promise.all([
      fillStore(platform.jobQueue.store('redis'), half),
      fillStore(platform.jobQueue.store('postgres'), half),
    ]);
    fillSeconds = elapsedMs(startedAt) / 1000;
    console.log(`  stats: ${options.retainedJobs} jobs in ${fillSeconds}s`);

    for (let run = 0; run < options.runs; run += 1) {
      const result = await runLoad({
        url: `${platform.url}/api/admin/queue-stats`,
        method: 'GET',
        headers: { authorization: `Bearer ${tenant.adminToken}` },
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        timeoutSeconds: 10,
      });
      results.push(result);
      console.log(`  stats run ${run + 1}: p99 ${result.p99Ms} ms`);
    }
  } finally {
    await platform.close();
    await database.close();
  }
  return {
    retainedJobs: options.retainedJobs,
    fillSeconds,
    p50Ms: summarize(results.map((r) => r.p50Ms)),
    p99Ms: summarize(results.map((r) => r.p99Ms)),
    throughput: summarize(results.map((r) => r.throughput)),
    failures: results.reduce(
      (sum, r) => sum + r.non2xx + r.errors + r.timeouts,
      0,
    ),
  };
}
