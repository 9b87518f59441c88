import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS } from '../server/queue/config.js';
import { setActiveJobQueue } from '../server/queue/activeJobQueue.js';
import * as helpers from '../server/queue/helpers.js';
import { JobQueue } from '../server/queue/jobQueue.js';
import { createProducerConnection } from '../server/queue/stores/redisConnection.js';
import { createBenchConfig } from './benchConfig.js';
import { createBenchLogger } from './benchLogger.js';
import type { BenchServices } from './benchServices.js';
import { insertBenchOrders, seedBenchTenant } from './benchTenant.js';
import { elapsedMs, percentile, summarize, type Summary } from './stats.js';

export interface EnqueueOptions {
  runs: number;
  samplesPerRun: number;
}

/** Per helper: its latency, its paired bare add, and the p99 ratio. */
export interface HelperFigures {
  helper: string;
  p50Ms: Summary;
  p99Ms: Summary;
  bareP50Ms: Summary;
  bareP99Ms: Summary;
  p99Ratio: Summary;
}

type HelperCall = (index: number) => Promise<string>;

const WARM_UP_CALLS = 30;

function isoDate(index: number): string {
  return new Date(Date.UTC(2000, 0, 1) + index * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * Scenario 1: each helper against a bare `queue.add` on the same Redis. The
 * samples alternate one bare add and one helper call, so both see the same
 * moment of the machine; the ratio is taken within each run.
 */
export async function runEnqueueScenario(
  services: BenchServices,
  options: EnqueueOptions,
): Promise<HelperFigures[]> {
  const database = await services.createDatabase('enqueue');
  const db = database.handle.db;
  const tenant = await seedBenchTenant(db);
  const total = (options.runs + 1) * options.samplesPerRun + WARM_UP_CALLS;
  const orderIds = await insertBenchOrders(db, tenant, total);
  const order = (index: number) => orderIds[index]!;

  const calls: Record<string, HelperCall> = {
    queueOrderConfirmationEmail: (i) =>
      helpers.queueOrderConfirmationEmail(order(i), tenant.staffId),
    queueOrderShipmentEmail: (i) =>
      helpers.queueOrderShipmentEmail(order(i), `TRK${i}`, 'DHL'),
    queueMarketplaceConnectionEmail: (i) =>
      helpers.queueMarketplaceConnectionEmail(
        i + 1,
        tenant.companyId,
        tenant.companyId,
      ),
    queueDailyBriefingEmail: (i) =>
      helpers.queueDailyBriefingEmail(
        tenant.staffId,
        tenant.companyId,
        isoDate(i),
      ),
    queueGenericEmail: (i) =>
      helpers.queueGenericEmail(
        'someone@bench.example',
        `Bench message ${i}`,
        '<p>Hello from the bench</p>',
      ),
    queueOrderSheetPDF: (i) => helpers.queueOrderSheetPDF(order(i)),
    queueLabWorkTicketPDF: (i) => helpers.queueLabWorkTicketPDF(order(i)),
    queueExaminationFormPDF: (_i) =>
      helpers.queueExaminationFormPDF(tenant.patientId, randomUUID()),
    queueInvoicePDF: (i) => helpers.queueInvoicePDF(order(i)),
    queueReceiptPDF: (i) => helpers.queueReceiptPDF(order(i)),
  };

  const config = createBenchConfig({
    DATABASE_URL: database.url,
    REDIS_URL: services.redisUrl,
  });
  const jobQueue = new JobQueue({
    config,
    database: database.handle,
    databaseUrl: database.url,
    logger: createBenchLogger(),
  });
  await jobQueue.start();
  setActiveJobQueue(jobQueue);
  const bareConnection = createProducerConnection(config.redis);
  const bare = new Queue('bench-bare', {
    connection: bareConnection,
    prefix: config.queue.prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });

  try {
    let index = 0;
    const measure = async (call: () => Promise<unknown>) => {
      const startedAt = process.hrtime.bigint();
      await call();
      return elapsedMs(startedAt);
    };
    const bareAdd = (name: string, i: number) => () =>
      bare.add(name, { orderId: order(i), userId: tenant.staffId, i });

    for (; index < WARM_UP_CALLS; index += 1) {
      for (const [name, call] of Object.entries(calls)) {
        await call(index);
        await bareAdd(name, index)();
      }
    }

    const perRun: Record<string, { helper: number[]; bare: number[] }>[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      const samples: Record<string, { helper: number[]; bare: number[] }> = {};
      for (const name of Object.keys(calls)) {
        samples[name] = { helper: [], bare: [] };
      }
      for (let s = 0; s < options.samplesPerRun; s += 1, index += 1) {
        for (const [name, call] of Object.entries(calls)) {
          const i = index;
          const helperFirst = s % 2 === 0;
          const first = helperFirst ? () => call(i) : bareAdd(name, i);
          const second = helperFirst ? bareAdd(name, i) : () => call(i);
          const a = await measure(first);
          const b = await measure(second);
          samples[name]!.helper.push(helperFirst ? a : b);
          samples[name]!.bare.push(helperFirst ? b : a);
        }
      }
      perRun.push(samples);
    }

    return Object.keys(calls).map((name) => {
      const runs = perRun.map((samples) => samples[name]!);
      const p = (values: number[], f: number) => percentile(values, f);
      return {
        helper: name,
        p50Ms: summarize(runs.map((r) => p(r.helper, 0.5))),
        p99Ms: summarize(runs.map((r) => p(r.helper, 0.99))),
        bareP50Ms: summarize(runs.map((r) => p(r.bare, 0.5))),
        bareP99Ms: summarize(runs.map((r) => p(r.bare, 0.99))),
        p99Ratio: summarize(
          runs.map((r) => p(r.helper, 0.99) / p(r.bare, 0.99)),
        ),
      };
    });
  } finally {
    await bare.close();
    bareConnection.disconnect();
    setActiveJobQueue(undefined);
    await jobQueue.close();
    await database.close();
  }
}
