import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPdfRenderer } from '../server/pdf/pdfRenderer.js';
import { startPlatform } from '../server/platform.js';
import { createBenchConfig } from './benchConfig.js';
import { createBenchLogger } from './benchLogger.js';
import type { BenchDatabase, BenchServices } from './benchServices.js';
import { seedBenchTenant, type BenchTenant } from './benchTenant.js';
import { createInlineOrderApp } from './inlineOrderApp.js';
import type { LoadResult, LoadSpec } from './loadDriver.js';
import { runLoad } from './runLoad.js';
import { summarize, type Summary } from './stats.js';

export type OrderVariant = 'redisUp' | 'redisDown' | 'inline';
const VARIANTS: OrderVariant[] = ['redisUp', 'redisDown', 'inline'];

export interface OrderLoadOptions {
  runs: number;
  connections: number;
  durationSeconds: number;
  warmUpSeconds: number;
}

export interface VariantFigures {
  throughput: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  /** Non-2xx answers, errors and timeouts, over all runs. */
  failures: number;
}

export interface OrderLoadFigures {
  variants: Record<OrderVariant, VariantFigures>;
  /** Redis-down p99 over Redis-up p99, run by run. */
  downOverUpP99: Summary;
  /**
   * Redis-up throughput over inline throughput, run by run. An inline run
   * that completes no order counts as one order in its duration, so the
   * ratio is then a lower bound.
   */
  upOverInlineThroughput: Summary;
}

/**
 * How long the bench lets inline requests still rendering finish once the
 * load stops; the rest fail when their browser closes (bounded run time).
 */
const INLINE_DRAIN_MS = 5_000;

interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Write limits far above what the bench sends: the bench is one client that
 * means to saturate the server. The limiters still run, as in production.
 */
const HIGH_RATE_LIMITS = {
  RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
  RATE_LIMIT_WRITES_PER_ADDRESS_PER_MINUTE: '1000000',
};

async function startVariant(
  variant: OrderVariant,
  services: BenchServices,
  database: BenchDatabase,
  uploadsDir: string,
): Promise<RunningServer> {
  const logger = createBenchLogger();
  const config = createBenchConfig({
    DATABASE_URL: database.url,
    REDIS_URL:
      variant === 'redisDown' ? services.closedRedisUrl : services.redisUrl,
    UPLOADS_DIR: uploadsDir,
    ...HIGH_RATE_LIMITS,
  });
  if (variant !== 'inline') {
    const platform = await startPlatform({ config, logger, http: true });
    return { url: platform.url!, close: () => platform.close() };
  }
  const renderer = createPdfRenderer({ logger });
  const { app, waitForIdle } = createInlineOrderApp({
    config,
    db: database.handle.db,
    logger,
    renderer,
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      await waitForIdle(INLINE_DRAIN_MS);
      server.closeAllConnections();
      await closed;
      await renderer.close();
    },
  };
}

function orderLoad(
  url: string,
  tenant: BenchTenant,
  connections: number,
  durationSeconds: number,
): LoadSpec {
  return {
    url: `${url}/api/orders`,
    method: 'POST',
    headers: {
      authorization: `Bearer ${tenant.staffToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      patientId: tenant.patientId,
      items: [
        {
          description: 'Single vision lenses, pair',
          quantity: 1,
          unitPrice: 89.5,
        },
      ],
    }),
    connections,
    durationSeconds,
    timeoutSeconds: 30,
  };
}

/**
 * Scenario 2: `POST /api/orders` under autocannon with Redis up, Redis down
 * (PostgreSQL store) and the inline baseline, one after the other in each
 * run, each on a freshly started server.
 */
export async function runOrderLoadScenario(
  services: BenchServices,
  options: OrderLoadOptions,
): Promise<OrderLoadFigures> {
  const database = await services.createDatabase('orders');
  const tenant = await seedBenchTenant(database.handle.db);
  const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-bench-up-'));
  const results: Record<OrderVariant, LoadResult[]> = {
    redisUp: [],
    redisDown: [],
    inline: [],
  };
  try {
    for (let run = 0; run < options.runs; run += 1) {
      for (const variant of VARIANTS) {
        const server = await startVariant(
          variant,
          services,
          database,
          uploadsDir,
        );
        try {
          const { connections, durationSeconds, warmUpSeconds } = options;
          await runLoad(orderLoad(server.url, tenant, 10, warmUpSeconds));
          const result = await runLoad(
            orderLoad(server.url, tenant, connections, durationSeconds),
          );
          results[variant].push(result);
          console.log(
            `  orders ${variant} run ${run + 1}: ` +
              `${result.throughput.toFixed(1)} req/s, ` +
              `p99 ${result.p99Ms} ms`,
          );
        } finally {
          await server.close();
        }
      }
    }
  } finally {
    await database.close();
    await rm(uploadsDir, { recursive: true, force: true });
  }

  const figures = (list: LoadResult[]): VariantFigures => ({
    throughput: summarize(list.map((r) => r.throughput)),
    p50Ms: summarize(list.map((r) => r.p50Ms)),
    p99Ms: summarize(list.map((r) => r.p99Ms)),
    failures: list.reduce(
      (sum, r) => sum + r.non2xx + r.errors + r.timeouts,
      0,
    ),
  });
  return {
    variants: {
      redisUp: figures(results.redisUp),
      redisDown: figures(results.redisDown),
      inline: figures(results.inline),
    },
    downOverUpP99: summarize(
      results.redisUp.map((up, i) => results.redisDown[i]!.p99Ms / up.p99Ms),
    ),
    upOverInlineThroughput: summarize(
      results.redisUp.map(
        (up, i) =>
          up.throughput /
          Math.max(results.inline[i]!.throughput, 1 / options.durationSeconds),
      ),
    ),
  };
}
