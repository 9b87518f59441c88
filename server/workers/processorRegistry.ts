import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { PdfRenderer } from '../pdf/pdfRenderer.js';
import type { QueueName } from '../queue/config.js';
import type { ProcessorRegistry } from '../queue/workerHost.js';
import { createAiWorkerProcessors } from './aiWorker.js';
import { createEmailWorkerProcessors } from './emailWorker.js';
import { createNotificationWorkerProcessors } from './notificationWorker.js';
import { createOmaWorkerProcessors } from './omaWorker.js';
import { createPdfWorkerProcessors } from './pdfWorker.js';
import { createScheduledWorkerProcessors } from './scheduledWorker.js';

export interface WorkerDeps {
  config: Config;
  db: Database;
  logger: Logger;
  pdfRenderer: PdfRenderer;
}

/** Builders of each queue's processors. */
const BUILDERS: Partial<
  Record<QueueName, (deps: WorkerDeps) => ProcessorRegistry[QueueName]>
> = {
  emails: ({ config, db, logger }) =>
    createEmailWorkerProcessors(config, db, logger),
  pdfs: ({ config, db, pdfRenderer }) =>
    createPdfWorkerProcessors(config, db, pdfRenderer),
  notifications: ({ db }) => createNotificationWorkerProcessors(db),
  oma: ({ config, db }) => createOmaWorkerProcessors(config, db),
  ai: ({ config, db }) => createAiWorkerProcessors(config, db),
  scheduled: ({ config, db, logger }) =>
    createScheduledWorkerProcessors(config, db, logger),
};

/**
 * The processors this process runs: every queue, or only those listed in
 * WORKER_QUEUES (checked against the queue names by the configuration).
 */
export function createProcessorRegistry(deps: WorkerDeps): ProcessorRegistry {
  const wanted = deps.config.workerQueues ?? Object.keys(BUILDERS);
  const registry: ProcessorRegistry = {};
  for (const name of wanted as QueueName[]) {
    const build = BUILDERS[name];
    if (build) registry[name] = build(deps);
  }
  return registry;
}
