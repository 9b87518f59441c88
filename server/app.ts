import express, { type Express } from 'express';
import { authenticate } from './auth/authenticate.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { NotFoundError } from './errors/notFoundError.js';
import type { Logger } from './logger.js';
import type { PdfRenderer } from './pdf/pdfRenderer.js';
import type { JobQueue } from './queue/jobQueue.js';
import { createAdminRoutes } from './routes/adminRoutes.js';
import { createDocumentRoutes } from './routes/documentRoutes.js';
import { createErrorHandler } from './routes/errorHandler.js';
import { createHealthRoutes } from './routes/healthRoutes.js';
import { createJobRoutes } from './routes/jobRoutes.js';
import { createOrderRoutes } from './routes/orderRoutes.js';
import { requestLogging } from './routes/requestLogging.js';

/** JSON bodies above this size are refused with 413. */
export const JSON_BODY_LIMIT = '100kb';

/** Everything the HTTP layer needs, built once at start-up. */
export interface AppServices {
  config: Config;
  logger: Logger;
  db: Database;
  jobQueue: JobQueue;
  pdfRenderer: PdfRenderer;
}

/** The Express application, without listening. */
export function createApp(services: AppServices): Express {
  const { config, logger, db, jobQueue, pdfRenderer } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use(requestLogging(logger));
  app.use(express.json({ limit: JSON_BODY_LIMIT, strict: true }));

  app.use('/api/health', createHealthRoutes(db, jobQueue, pdfRenderer));
  const requireUser = authenticate(db);
  app.use('/api/orders', requireUser, createOrderRoutes(db));
  app.use('/api/jobs', requireUser, createJobRoutes(db, jobQueue));
  app.use(
    '/api/documents',
    requireUser,
    createDocumentRoutes(db, config.uploadsDir),
  );
  app.use('/api/admin', requireUser, createAdminRoutes(jobQueue));

  app.use((req) => {
    throw new NotFoundError(`Route ${req.method} ${req.path}`);
  });
  app.use(createErrorHandler(logger));
  return app;
}
