import { sql } from 'drizzle-orm';
import { Router } from 'express';
import type { Database } from '../db/client.js';
import type { PdfRenderer } from '../pdf/pdfRenderer.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { withTimeout } from '../queue/withTimeout.js';

const DATABASE_CHECK_TIMEOUT_MS = 2000;

/**
 * 200 while the database answers: without it nothing can be accepted.
 * Redis being down is reported, not failed: jobs then go to PostgreSQL.
 */
export function createHealthRoutes(
  db: Database,
  jobQueue: JobQueue,
  pdfRenderer: PdfRenderer,
): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const databaseUp = await withTimeout(
      db.execute(sql`select 1`),
      DATABASE_CHECK_TIMEOUT_MS,
    ).then(
      () => true,
      () => false,
    );
    const redis = jobQueue.redisHealth.snapshot();
    res.status(databaseUp ? 200 : 503).json({
      status: databaseUp ? 'ok' : 'unavailable',
      database: { up: databaseUp },
      redis: {
        up: redis.up,
        sinceAt: redis.sinceAt.toISOString(),
        failovers: redis.failovers,
        warnings: redis.warnings,
      },
      store: jobQueue.currentStore(),
      workers: jobQueue.workers?.status() ?? [],
      browser: pdfRenderer.describeBrowser(),
    });
  });

  return router;
}
