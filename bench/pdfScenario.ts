import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPdfProcessors } from '../server/pdf/createPdfProcessors.js';
import {
  createPdfRenderer,
  type PdfRenderer,
} from '../server/pdf/pdfRenderer.js';
import { QUEUE_SETTINGS } from '../server/queue/config.js';
import type { Logger } from '../server/logger.js';
import { createBenchLogger } from './benchLogger.js';
import type { BenchServices } from './benchServices.js';
import { insertBenchOrders, seedBenchTenant } from './benchTenant.js';
import { elapsedMs, percentile, summarize, type Summary } from './stats.js';

export interface PdfOptions {
  runs: number;
  sharedInvoices: number;
  perJobInvoices: number;
}

export interface PdfFigures {
  sharedPerMinute: Summary;
  perJobPerMinute: Summary;
  sharedP50RenderMs: Summary;
  perJobP50RenderMs: Summary;
  sharedOverPerJob: Summary;
}

/** The old way: a browser launched for one document and closed after it. */
function createPerJobLaunchRenderer(logger: Logger): PdfRenderer {
  return {
    renderPdf: async (html) => {
      const renderer = createPdfRenderer({ logger });
      try {
        return await renderer.renderPdf(html);
      } finally {
        await renderer.close();
      }
    },
    describeBrowser: () => {
      throw new Error('not used by the bench');
    },
    close: async () => {},
  };
}

/** Times every render of `renderer`. */
function timed(renderer: PdfRenderer, times: number[]): PdfRenderer {
  return {
    ...renderer,
    renderPdf: async (html) => {
      const startedAt = process.hrtime.bigint();
      const bytes = await renderer.renderPdf(html);
      times.push(elapsedMs(startedAt));
      return bytes;
    },
  };
}

/**
 * Runs `count` invoice jobs through the real processor, as many at once as
 * the pdfs worker runs (its concurrency), with no rate limiter.
 */
async function renderInvoices(
  renderer: PdfRenderer,
  db: Parameters<typeof createPdfProcessors>[0]['db'],
  uploadsDir: string,
  orderIds: string[],
  logger: Logger,
): Promise<{ perMinute: number; p50RenderMs: number }> {
  const times: number[] = [];
  const invoice = createPdfProcessors({
    db,
    renderer: timed(renderer, times),
    uploadsDir,
  }).invoice;
  const pending = [...orderIds];
  const startedAt = process.hrtime.bigint();
  const lane = async () => {
    for (let orderId = pending.pop(); orderId; orderId = pending.pop()) {
      const jobId = randomUUID();
      await invoice(
        { orderId },
        {
          jobId,
          jobName: 'invoice',
          attempt: 1,
          maxAttempts: 1,
          logger,
          reportProgress: async () => {},
        },
      );
    }
  };
  await Promise.all(
    Array.from({ length: QUEUE_SETTINGS.pdfs.concurrency }, lane),
  );
  const minutes = elapsedMs(startedAt) / 60_000;
  return {
    perMinute: orderIds.length / minutes,
    p50RenderMs: percentile(times, 0.5),
  };
}

/**
 * Scenario 4: invoices with the shared browser against a browser launched
 * per job, alternating which goes first.
 */
export async function runPdfScenario(
  services: BenchServices,
  options: PdfOptions,
): Promise<PdfFigures> {
  const database = await services.createDatabase('pdfs');
  const db = database.handle.db;
  const tenant = await seedBenchTenant(db);
  const orderIds = await insertBenchOrders(db, tenant, 20);
  const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-bench-pdf-'));
  const logger = createBenchLogger();
  const shared = createPdfRenderer({ logger });
  const perJob = createPerJobLaunchRenderer(logger);
  const pick = (count: number) =>
    Array.from({ length: count }, (_, i) => orderIds[i % orderIds.length]!);
  const figures = { shared: [] as number[][], perJob: [] as number[][] };
  try {
    // The first document launches the shared browser; it is not counted.
    await renderInvoices(shared, db, uploadsDir, pick(3), logger);
    for (let run = 0; run < options.runs; run += 1) {
      const trials = [
        ['shared', shared, options.sharedInvoices],
        ['perJob', perJob, options.perJobInvoices],
      ] as const;
      const ordered = run % 2 === 0 ? trials : [...trials].reverse();
      for (const [name, renderer, count] of ordered) {
        const result = await renderInvoices(
          renderer,
          db,
          uploadsDir,
          pick(count),
          logger,
        );
        figures[name].push([result.perMinute, result.p50RenderMs]);
        console.log(
          `  pdf ${name} run ${run + 1}: ` +
            `${result.perMinute.toFixed(0)} per minute, ` +
            `p50 ${result.p50RenderMs.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    await shared.close();
    await database.close();
    await rm(uploadsDir, { recursive: true, force: true });
  }
  return {
    sharedPerMinute: summarize(figures.shared.map(([rate]) => rate!)),
    perJobPerMinute: summarize(figures.perJob.map(([rate]) => rate!)),
    sharedP50RenderMs: summarize(figures.shared.map(([, p50]) => p50!)),
    perJobP50RenderMs: summarize(figures.perJob.map(([, p50]) => p50!)),
    sharedOverPerJob: summarize(
      figures.shared.map(([rate], i) => rate! / figures.perJob[i]![0]!),
    ),
  };
}
