import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createDatabase, type DatabaseHandle } from './db/client.js';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from './db/embeddedPostgres.js';
import { migrateDatabase } from './db/migrate.js';
import type { Logger } from './logger.js';
import { PlatformMetrics } from './metrics/platformMetrics.js';
import { createFailedJobNotifier } from './notifications/createFailedJobNotifier.js';
import { NotificationHub } from './notifications/notificationHub.js';
import { createPdfRenderer, type PdfRenderer } from './pdf/pdfRenderer.js';
import { setActiveJobQueue } from './queue/activeJobQueue.js';
import { JobQueue } from './queue/jobQueue.js';
import {
  createScheduleSync,
  loadPlatformSchedules,
} from './scheduling/scheduleSync.js';
import { createRateLimitConnection } from './security/rateLimitConnection.js';
import { createProcessorRegistry } from './workers/processorRegistry.js';

/** What runs in this process: the HTTP API, the workers, or both. */
export interface PlatformOptions {
  config: Config;
  logger: Logger;
  http: boolean;
}

/** A started process, and how to stop it. */
export interface Platform {
  config: Config;
  database: DatabaseHandle;
  jobQueue: JobQueue;
  pdfRenderer: PdfRenderer;
  /** This platform's Prometheus registry, served on /metrics. */
  metrics: PlatformMetrics;
  /** Base URL of the HTTP API, when it runs. */
  url?: string;
  /** The HTTP app, when it runs: the route-table test lists its routes. */
  app?: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * Starts the database (embedded when DATABASE_URL is unset), migrates it,
 * starts the queue layer with this process's workers, then the HTTP API.
 */
export async function startPlatform(
  options: PlatformOptions,
): Promise<Platform> {
  const { config, logger } = options;
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      ...config.embeddedPostgres,
      logger,
    });
    databaseUrl = embedded.databaseUrl;
  }
  const database = createDatabase(databaseUrl, (error) =>
    logger.warn({ err: error.message }, 'database.pool_error'),
  );
  await migrateDatabase(database.pool);

  const pdfRenderer = createPdfRenderer({
    executablePath: config.puppeteerExecutablePath,
    logger: logger.child({ component: 'pdf' }),
  });
  const processors = config.runWorkers
    ? createProcessorRegistry({ config, db: database.db, logger, pdfRenderer })
    : undefined;
  const metrics = new PlatformMetrics();
  const jobQueue = new JobQueue({
    config,
    database,
    databaseUrl,
    logger,
    processors,
    jobObserver: metrics.jobObserver,
    onFinalFailure: createFailedJobNotifier(database.db),
  });
  metrics.watch(jobQueue);
  await jobQueue.start();
  setActiveJobQueue(jobQueue);
  // Where ticks are processed, the schedulers are kept on both stores.
  const scheduleSync = processors?.scheduled
    ? createScheduleSync({
        jobQueue,
        logger,
        loadDefinitions: () => loadPlatformSchedules(database.db),
      })
    : undefined;
  await scheduleSync?.start();

  let server: Server | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  const rateLimitRedis = options.http
    ? createRateLimitConnection(config.redis)
    : undefined;
  let notificationHub: NotificationHub | undefined;
  if (options.http) {
    notificationHub = new NotificationHub({
      databaseUrl,
      logger: logger.child({ component: 'notifications' }),
    });
    await notificationHub.start();
    app = createApp({
      config,
      logger,
      db: database.db,
      jobQueue,
      pdfRenderer,
      rateLimitRedis,
      metrics,
      notificationHub,
    });
    server = await listen(app, config.port, config.host);
  }
  const port = server ? (server.address() as AddressInfo).port : undefined;
  logger.info(
    {
      port,
      database: embedded ? 'embedded' : 'external',
      store: jobQueue.currentStore(),
      workers: processors ? Object.keys(processors) : [],
    },
    'server.started',
  );

  return {
    config,
    database,
    jobQueue,
    pdfRenderer,
    metrics,
    url: port ? `http://127.0.0.1:${port}` : undefined,
    app,
    close: async () => {
      // Open event streams would hold the server open: end them first.
      await notificationHub?.close();
      if (server) await stopListening(server);
      rateLimitRedis?.disconnect();
      await scheduleSync?.stop();
      await jobQueue.close();
      setActiveJobQueue(undefined);
      await pdfRenderer.close();
      await database.close();
      await embedded?.stop();
    },
  };
}

function listen(
  app: ReturnType<typeof createApp>,
  port: number,
  host: string,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(server);
    });
  });
}

/** Stops taking connections; requests in progress may finish. */
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
