import express, { type Express } from 'express';
import { createAdminPages } from './admin/createAdminPages.js';
import type { Redis } from 'ioredis';
import { authenticate } from './auth/authenticate.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { NotFoundError } from './errors/notFoundError.js';
import type { Logger } from './logger.js';
import type { NotificationHub } from './notifications/notificationHub.js';
import { createMetricsRoute } from './metrics/createMetricsRoute.js';
import type { PlatformMetrics } from './metrics/platformMetrics.js';
import type { PdfRenderer } from './pdf/pdfRenderer.js';
import type { JobQueue } from './queue/jobQueue.js';
import { createAdminRoutes } from './routes/adminRoutes.js';
import { createDocumentRoutes } from './routes/documentRoutes.js';
import { createExaminationRoutes } from './routes/examinationRoutes.js';
import { createErrorHandler } from './routes/errorHandler.js';
import { createHealthRoutes } from './routes/healthRoutes.js';
import { createInsightsRoutes } from './routes/insightsRoutes.js';
import { createJobRoutes } from './routes/jobRoutes.js';
import { createMarketplaceRoutes } from './routes/marketplaceRoutes.js';
import { createNotificationRoutes } from './routes/notificationRoutes.js';
import { createOmaRoutes } from './routes/omaRoutes.js';
import { createOrderRoutes } from './routes/orderRoutes.js';
import { requestLogging } from './routes/requestLogging.js';
import { createScheduleRoutes } from './routes/scheduleRoutes.js';
import { createTokenRoutes } from './routes/tokenRoutes.js';
import { createCorsPolicy } from './security/corsPolicy.js';
import { createRateLimits } from './security/rateLimits.js';
import { createSecurityHeaders } from './security/securityHeaders.js';

/** JSON bodies above this size are refused with 413. */
export const JSON_BODY_LIMIT = '100kb';

/** Everything the HTTP layer needs, built once at start-up. */
export interface AppServices {
  config: Config;
  logger: Logger;
  db: Database;
  jobQueue: JobQueue;
  pdfRenderer: PdfRenderer;
  /** Connection for rate-limit counts shared by processes; unset: local. */
  rateLimitRedis?: Redis;
  /**
   * Pushes stored notifications to this process's open streams; without
   * it, `GET /api/notifications/stream` answers 503.
   */
  notificationHub?: NotificationHub;
  /** Served on /metrics when given. */
  metrics?: PlatformMetrics;
}

/** The Express application, without listening. */
export function createApp(services: AppServices): Express {
  const { config, logger, db, jobQueue, pdfRenderer } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxyHops || false);

  app.use(requestLogging(logger));
  // Headers, CORS and limits come before body parsing and authentication:
  // a refused request costs neither a parse nor a token lookup.
  app.use(createSecurityHeaders());
  app.use(createCorsPolicy(config.http.corsOrigins));
  const rateLimits = createRateLimits({
    limits: config.rateLimits,
    keyPrefix: config.queue.prefix,
    redis: services.rateLimitRedis,
    logger: logger.child({ component: 'rate-limit' }),
  });
  // Every limit may be switched off (0), leaving no middleware at all.
  if (rateLimits.length > 0) app.use(rateLimits);
  // Tracer files are raw bytes of any content type, so their route reads
  // its own body and comes before the JSON parser could claim one.
  app.use(
    '/api/orders/:id/oma',
    authenticate(db),
    createOmaRoutes(db, config.uploadsDir),
  );
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
  app.use(
    '/api/admin',
    requireUser,
    createAdminRoutes({ db, jobQueue, logger }),
  );
  // The operators' pages authenticate by session cookie, not bearer token.
  app.use('/admin', createAdminPages({ db, jobQueue, logger }));
  if (services.metrics) {
    app.get(
      '/metrics',
      createMetricsRoute(services.metrics, config.metricsToken),
    );
  }
  app.use('/api/auth/tokens', requireUser, createTokenRoutes(db));
  app.use(
    '/api/notifications',
    requireUser,
    createNotificationRoutes(db, services.notificationHub, logger),
  );
  app.use('/api/marketplace', requireUser, createMarketplaceRoutes(db));
  app.use('/api/patients', requireUser, createExaminationRoutes(db));
  app.use('/api/insights', requireUser, createInsightsRoutes(db));
  app.use(
    '/api/admin/schedules',
    requireUser,
    createScheduleRoutes(db, jobQueue),
  );

  app.use((req) => {
    throw new NotFoundError(`Route ${req.method} ${req.path}`);
  });
  app.use(createErrorHandler(logger));
  return app;
}
