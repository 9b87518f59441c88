import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadConfig } from '../server/config.js';
import { createDatabase } from '../server/db/client.js';
import { createPdfRenderer } from '../server/pdf/pdfRenderer.js';
import { QUEUE_SETTINGS, type QueueName } from '../server/queue/config.js';
import { createJobRunner, type ActiveJobs } from '../server/queue/jobRunner.js';
import type { StoreWorker } from '../server/queue/jobStore.js';
import { createProducerConnection } from '../server/queue/stores/redisConnection.js';
import { createRedisStore } from '../server/queue/stores/redisStore.js';
import type { QueueProcessors } from '../server/queue/jobRunner.js';
import { createEmailWorkerProcessors } from '../server/workers/emailWorker.js';
import { createPdfWorkerProcessors } from '../server/workers/pdfWorker.js';
import { createBenchLogger } from './benchLogger.js';
import { sleep } from './stats.js';

/**
 * Scenario 5's workload, in a process of its own so that its RSS is the
 * workers' alone. Reads one spec as JSON from argv, prints JSON.
 */
export interface MemorySpec {
  databaseUrl: string;
  redisUrl: string;
  uploadsDir: string;
  orderId: string;
  userId: string;
  emails: number;
  pdfs: number;
  /** Share of each kind processed before the warm-up reading. */
  warmUpFraction: number;
}

export interface MemoryReading {
  rssMiB: number;
  /** Chromium processes below this process, and the browsers among them. */
  chromiumProcesses: number;
  chromiumBrowsers: number;
}

export interface MemoryResult {
  warmUp: MemoryReading;
  after: MemoryReading;
  durationMs: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as MemorySpec;

function readProcesses(): { pid: number; ppid: number; name: string }[] {
  const list = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      list.push({ pid: Number(entry), ppid, name });
    } catch {
      // The process ended while the list was read.
    }
  }
  return list;
}

function countChromium(): Pick<
  MemoryReading,
  'chromiumProcesses' | 'chromiumBrowsers'
> {
  const all = readProcesses();
  const mine = new Set([process.pid]);
  // Parents come before children often enough; repeat until stable.
  for (let changed = true; changed;) {
    changed = false;
    for (const p of all) {
      if (mine.has(p.ppid) && !mine.has(p.pid)) {
        mine.add(p.pid);
        changed = true;
      }
    }
  }
  const isChrome = (p: { name: string }) => /chrom/i.test(p.name);
  const chromes = all.filter((p) => mine.has(p.pid) && isChrome(p));
  const chromePids = new Set(chromes.map((p) => p.pid));
  return {
    chromiumProcesses: chromes.length,
    chromiumBrowsers: chromes.filter((p) => !chromePids.has(p.ppid)).length,
  };
}

async function read(): Promise<MemoryReading> {
  // Garbage still waiting for collection is not a leak.
  (globalThis as { gc?: () => void }).gc?.();
  await sleep(200);
  return {
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
    ...countChromium(),
  };
}

const config = loadConfig({
  NODE_ENV: 'production',
  REDIS_URL: spec.redisUrl,
  DATABASE_URL: spec.databaseUrl,
  UPLOADS_DIR: spec.uploadsDir,
  QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
});
const logger = createBenchLogger();
const database = createDatabase(spec.databaseUrl, () => {});
const renderer = createPdfRenderer({ logger });
const producer = createProducerConnection(config.redis);
const store = createRedisStore(producer, config.redis, config.queue.prefix);
const processors: Partial<Record<QueueName, QueueProcessors>> = {
  emails: createEmailWorkerProcessors(config, database.db, logger),
  pdfs: createPdfWorkerProcessors(config, database.db, renderer),
};

const done: Record<string, number> = { emails: 0, pdfs: 0 };
const workers: StoreWorker[] = [];
for (const queue of ['emails', 'pdfs'] as const) {
  const activeJobs: ActiveJobs = new Map();
  const holder: { worker?: StoreWorker } = {};
  const runner = createJobRunner({
    queue,
    store: 'redis',
    processors: processors[queue]!,
    logger,
    activeJobs,
    worker: () => holder.worker,
  });
  // The provider limits (100 emails, 20 PDFs a minute) are off: the
  // scenario is about memory over many jobs, not about the limiter.
  const worker = store.createWorker(queue, runner, {
    ...QUEUE_SETTINGS[queue],
    limiter: undefined,
  });
  worker.on('completed', () => (done[queue] = (done[queue] ?? 0) + 1));
  worker.on('failed', () => (done[queue] = (done[queue] ?? 0) + 1));
  worker.on('error', () => {});
  holder.worker = worker;
  workers.push(worker);
}

async function add(queue: 'emails' | 'pdfs', name: string, count: number) {
  const data =
    queue === 'emails'
      ? { orderId: spec.orderId, userId: spec.userId }
      : { orderId: spec.orderId };
  for (let added = 0; added < count; added += 1000) {
    await store.queue(queue).addBulk(
      Array.from({ length: Math.min(1000, count - added) }, () => ({
        name,
        data,
        opts: { jobId: randomUUID() },
      })),
    );
  }
}

async function waitFor(emails: number, pdfs: number) {
  while ((done.emails ?? 0) < emails || (done.pdfs ?? 0) < pdfs) {
    await sleep(100);
  }
}

const startedAt = Date.now();
await Promise.all([
  add('emails', 'order-confirmation', spec.emails),
  add('pdfs', 'invoice', spec.pdfs),
]);
await waitFor(
  Math.floor(spec.emails * spec.warmUpFraction),
  Math.floor(spec.pdfs * spec.warmUpFraction),
);
const warmUp = await read();
await waitFor(spec.emails, spec.pdfs);
const after = await read();
const result: MemoryResult = {
  warmUp,
  after,
  durationMs: Date.now() - startedAt,
};
await Promise.all(workers.map((worker) => worker.close()));
await store.close();
producer.disconnect();
await renderer.close();
await database.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
