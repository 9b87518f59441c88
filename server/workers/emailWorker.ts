import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createEmailProcessors } from '../email/createEmailProcessors.js';
import { createEmailTransport } from '../email/createEmailTransport.js';
import type { Logger } from '../logger.js';
import type { QueueProcessors } from '../queue/jobRunner.js';

/**
 * Processors of the `emails` queue: concurrency 5, 100 per minute (see
 * server/queue/config.ts). Resend with an API key, else the local mailbox.
 */
export function createEmailWorkerProcessors(
  config: Config,
  db: Database,
  logger: Logger,
): QueueProcessors {
  const transport = createEmailTransport(config, logger);
  return createEmailProcessors({
    db,
    transport,
    from: config.email.from,
    publicBaseUrl: config.publicBaseUrl,
  }) as unknown as QueueProcessors;
}
