import { randomUUID } from 'node:crypto';
import { QUEUE_SETTINGS } from '../server/queue/config.js';
import { JobQueue } from '../server/queue/jobQueue.js';
import type { JobStore } from '../server/queue/jobStore.js';
import { createPostgresStore } from '../server/queue/stores/postgresStore.js';
import { createProducerConnection } from '../server/queue/stores/redisConnection.js';
import { createRedisStore } from '../server/queue/stores/redisStore.js';
import { createBenchConfig } from './benchConfig.js';
import { createBenchLogger } from './benchLogger.js';
import type { BenchDatabase, BenchServices } from './benchServices.js';
import { elapsedMs, sleep, summarize, type Summary } from './stats.js';

export interface WorkerOptions {
  runs: number;
  redisJobs: number;
  postgresJobs: number;
}

export interface WorkerFigures {
  /** Jobs per second, per store and stack. */
  redisWrapped: Summary;
  redisBare: Summary;
  postgresWrapped: Summary;
  postgresBare: Summary;
  redisWrappedOverBare: Summary;
  postgresWrappedOverBare: Summary;
  postgresOverRedisWrapped: Summary;
}

type StoreName = 'redis' | 'postgres';
// A real job name with a real schema, so the wrapper validates as it does
// in production; its processor does nothing.
const QUEUE = 'notifications';
const JOB_NAME = 'order-shipped';
const POLL_INTERVAL_MS = 20;
const TRIAL_TIMEOUT_MS = 120_000;

interface Trial {
  store: StoreName;
  prefix: string;
}

function openStore(services: BenchServices, db: BenchDatabase, t: Trial) {
  const config = createBenchConfig({ REDIS_URL: services.redisUrl });
  if (t.store === 'postgres') return { store: createPostgresStore(db.url) };
  const producer = createProducerConnection(config.redis);
  const store = createRedisStore(producer, config.redis, t.prefix);
  return { store, producer };
}

async function fill(store: JobStore, count: number): Promise<void> {
  const userId = randomUUID();
  for (let done = 0; done < count; done += 500) {
    const size = Math.min(500, count - done);
    await store.queue(QUEUE).addBulk(
      Array.from({ length: size }, () => ({
        name: JOB_NAME,
        data: { userId, orderId: randomUUID() },
        opts: { jobId: randomUUID() },
      })),
    );
  }
}

/** Waits until the queue has nothing waiting, active or delayed. */
async function drain(store: JobStore): Promise<void> {
  const deadline = Date.now() + TRIAL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const counts = await store.getCounts(QUEUE);
    if (counts.waiting + counts.active + counts.delayed === 0) return;
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error('worker trial did not drain in time');
}

/** Jobs per second through the platform's own JobQueue workers. */
async function runWrapped(
  services: BenchServices,
  database: BenchDatabase,
  trial: Trial,
  count: number,
): Promise<number> {
  const { store, producer } = openStore(services, database, trial);
  await fill(store, count);
  const config = createBenchConfig({
    DATABASE_URL: database.url,
    REDIS_URL:
      trial.store === 'redis' ? services.redisUrl : services.closedRedisUrl,
    QUEUE_PREFIX: trial.prefix,
  });
  const jobQueue = new JobQueue({
    config,
    database: database.handle,
    databaseUrl: database.url,
    logger: createBenchLogger(),
    processors: { [QUEUE]: { [JOB_NAME]: async () => ({}) } },
  });
  const startedAt = process.hrtime.bigint();
  await jobQueue.start();
  try {
    await drain(store);
    return count / (elapsedMs(startedAt) / 1000);
  } finally {
    await jobQueue.close();
    await store.close();
    producer?.disconnect();
  }
}

/** Jobs per second through a bare BullMQ Worker with the same settings. */
async function runBare(
  services: BenchServices,
  database: BenchDatabase,
  trial: Trial,
  count: number,
): Promise<number> {
  const { store, producer } = openStore(services, database, trial);
  await fill(store, count);
  const startedAt = process.hrtime.bigint();
  const worker = store.createWorker(
    QUEUE,
    async () => ({}),
    QUEUE_SETTINGS[QUEUE],
  );
  worker.on('error', () => {});
  try {
    await drain(store);
    return count / (elapsedMs(startedAt) / 1000);
  } finally {
    await worker.close();
    await store.close();
    producer?.disconnect();
  }
}

/**
 * Scenario 3: no-op jobs through the platform's workers (JobQueue's
 * WorkerHost and job runner: validation, logging, request id) against a
 * bare BullMQ Worker with the same settings, on each store. The order of
 * the two alternates from run to run.
 */
export async function runWorkerScenario(
  services: BenchServices,
  options: WorkerOptions,
): Promise<WorkerFigures> {
  const database = await services.createDatabase('workers');
  const rates: Record<string, number[]> = {};
  const record = (key: string, value: number) =>
    (rates[key] ??= []).push(value);
  try {
    for (let run = 0; run < options.runs; run += 1) {
      for (const store of ['redis', 'postgres'] as const) {
        const count =
          store === 'redis' ? options.redisJobs : options.postgresJobs;
        const trial = () => ({ store, prefix: `bench-${randomUUID()}` });
        const order = run % 2 === 0 ? ['wrapped', 'bare'] : ['bare', 'wrapped'];
        for (const stack of order) {
          const rate =
            stack === 'wrapped'
              ? await runWrapped(services, database, trial(), count)
              : await runBare(services, database, trial(), count);
          record(`${store}-${stack}`, rate);
          console.log(
            `  workers ${store} ${stack} run ${run + 1}: ` +
              `${rate.toFixed(0)} jobs/s`,
          );
        }
      }
    }
  } finally {
    await database.close();
  }
  const get = (key: string) => rates[key] ?? [];
  const ratio = (a: string, b: string) =>
    summarize(get(a).map((value, i) => value / get(b)[i]!));
  return {
    redisWrapped: summarize(get('redis-wrapped')),
    redisBare: summarize(get('redis-bare')),
    postgresWrapped: summarize(get('postgres-wrapped')),
    postgresBare: summarize(get('postgres-bare')),
    redisWrappedOverBare: ratio('redis-wrapped', 'redis-bare'),
    postgresWrappedOverBare: ratio('postgres-wrapped', 'postgres-bare'),
    postgresOverRedisWrapped: ratio('postgres-wrapped', 'redis-wrapped'),
  };
}
