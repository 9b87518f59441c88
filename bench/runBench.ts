import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { createPdfRenderer } from '../server/pdf/pdfRenderer.js';
import { createBenchLogger } from './benchLogger.js';
import { startBenchServices, type BenchServices } from './benchServices.js';
import { runEnqueueScenario } from './enqueueScenario.js';
import { runMemoryScenario } from './memoryScenario.js';
import { runOrderLoadScenario } from './orderLoadScenario.js';
import { runPdfScenario } from './pdfScenario.js';
import { runQueueStatsScenario } from './queueStatsScenario.js';
import { runWorkerScenario } from './workerScenario.js';
import { renderReport, type BenchResults } from './renderReport.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Sizes of every scenario. BENCH_QUICK=1 shrinks them all for a smoke run
 * of the harness; its figures are not written to docs/BENCHMARKS.md.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const PLAN = {
  enqueue: { runs: 5, samplesPerRun: QUICK ? 20 : 200 },
  orders: {
    runs: QUICK ? 1 : 3,
    connections: 50,
    durationSeconds: QUICK ? 3 : 20,
    warmUpSeconds: QUICK ? 1 : 2,
  },
  workers: {
    runs: 5,
    redisJobs: QUICK ? 200 : 1000,
    postgresJobs: QUICK ? 100 : 300,
  },
  pdf: { runs: 5, sharedInvoices: QUICK ? 3 : 12, perJobInvoices: 3 },
  memory: {
    emails: QUICK ? 300 : 5000,
    pdfs: QUICK ? 10 : 100,
    timeoutMs: 300_000,
  },
  stats: {
    runs: 5,
    retainedJobs: QUICK ? 2000 : 100_000,
    connections: 4,
    durationSeconds: QUICK ? 2 : 5,
  },
};

function commandVersion(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function describeMachine(services: BenchServices) {
  const database = await services.createDatabase('versions');
  const { rows } = await database.handle.pool.query<{ version: string }>(
    "select current_setting('server_version') as version",
  );
  await database.close();
  const renderer = createPdfRenderer({ logger: createBenchLogger() });
  await renderer.renderPdf('<p>version</p>');
  const browser = renderer.describeBrowser().version ?? 'unknown';
  await renderer.close();
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const versionOf = (name: string) =>
    (require(`${name}/package.json`) as { version: string }).version;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(1))),
    node: process.version,
    redis: commandVersion('redis-server', ['--version']).split(' ')[2] ?? '',
    postgres: rows[0]?.version ?? 'unknown',
    chromium: browser,
    bullmq: versionOf('bullmq'),
    autocannon: versionOf('autocannon'),
  };
}

// A browser closed under pages that still render resets Puppeteer's pipe,
// and Puppeteer leaves that socket error unheard; the bench records it and
// goes on rather than lose the whole run (see docs/BENCHMARKS.md).
const pipeResets: string[] = [];
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ECONNRESET' || error.syscall !== 'read') throw error;
  pipeResets.push(new Date().toISOString());
  console.log('  browser pipe reset (recorded)');
});

async function main(): Promise<void> {
  const startedAt = Date.now();
  const services = await startBenchServices(process.env.DATABASE_URL);
  // An interrupted run still stops the Redis, PostgreSQL and browser it
  // started, instead of leaving them behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void services.stop().finally(() => process.exit(130));
    });
  }
  let results: BenchResults;
  try {
    const machine = await describeMachine(services);
    const step = async <T>(label: string, work: () => Promise<T>) => {
      console.log(`scenario ${label}`);
      const began = Date.now();
      const value = await work();
      console.log(`  done in ${Math.round((Date.now() - began) / 1000)} s`);
      return value;
    };
    const enqueue = await step('1 enqueue', () =>
      runEnqueueScenario(services, PLAN.enqueue),
    );
    const orders = await step('2 orders under load', () =>
      runOrderLoadScenario(services, PLAN.orders),
    );
    const workers = await step('3 worker stack', () =>
      runWorkerScenario(services, PLAN.workers),
    );
    const pdf = await step('4 pdf', () => runPdfScenario(services, PLAN.pdf));
    const memory = await step('5 memory', () =>
      runMemoryScenario(services, PLAN.memory),
    );
    const stats = await step('6 queue stats', () =>
      runQueueStatsScenario(services, PLAN.stats),
    );
    results = {
      date: new Date().toISOString(),
      quick: QUICK,
      durationSeconds: 0,
      machine: {
        ...machine,
        loadAverageAtEnd: os.loadavg().map((v) => Number(v.toFixed(1))),
      },
      plan: PLAN,
      pipeResets,
      enqueue,
      orders,
      workers,
      pdf,
      memory,
      stats,
    };
  } finally {
    await services.stop();
  }
  results.durationSeconds = Math.round((Date.now() - startedAt) / 1000);

  const day = results.date.slice(0, 10);
  const resultsDir = path.join(ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${day}${QUICK ? '-quick' : ''}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  if (!QUICK) {
    await writeReport(results, `bench/results/${day}.json`);
  }
  console.log(
    `wrote ${path.relative(ROOT, file)} in ${results.durationSeconds} s`,
  );
}

/**
 * `BENCH_RENDER=bench/results/<date>.json npm run bench` writes the report
 * again from saved figures, after its prose changed, without measuring.
 */
async function rerender(resultsPath: string): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const results = JSON.parse(
    await readFile(path.resolve(ROOT, resultsPath), 'utf8'),
  ) as BenchResults;
  await writeReport(results, resultsPath);
}

/** Writes docs/BENCHMARKS.md as `npm run format` would leave it. */
async function writeReport(results: BenchResults, resultsPath: string) {
  const markdown = await format(renderReport(results, resultsPath), {
    parser: 'markdown',
  });
  await writeFile(path.join(ROOT, 'docs', 'BENCHMARKS.md'), markdown);
}

if (process.env.BENCH_RENDER) await rerender(process.env.BENCH_RENDER);
else await main();
