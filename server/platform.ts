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
import { createPdfRenderer, type PdfRenderer } from './pdf/pdfRenderer.js';
import { setActiveJobQueue } from './queue/activeJobQueue.js';
import { JobQueue } from './queue/jobQueue.js';
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
  /** Base URL of the HTTP API, when it runs. */
  url?: string;
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
  const jobQueue = new JobQueue({
    config,
    database,
    databaseUrl,
    logger,
    processors,
  });
  await jobQueue.start();
  setActiveJobQueue(jobQueue);

  let server: Server | undefined;
  if (options.http) {
    const app = createApp({
      config,
      logger,
      db: database.db,
      jobQueue,
      pdfRenderer,
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
    url: port ? `http://127.0.0.1:${port}` : undefined,
    close: async () => {
      if (server) await stopListening(server);
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
