import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createPdfProcessors } from '../pdf/createPdfProcessors.js';
import type { PdfRenderer } from '../pdf/pdfRenderer.js';
import type { QueueProcessors } from '../queue/jobRunner.js';

/**
 * Processors of the `pdfs` queue: concurrency 3, 20 per minute, a lock of
 * ten minutes (see server/queue/config.ts), one shared browser.
 */
export function createPdfWorkerProcessors(
  config: Config,
  db: Database,
  renderer: PdfRenderer,
): QueueProcessors {
  return createPdfProcessors({
    db,
    renderer,
    uploadsDir: config.uploadsDir,
  }) as unknown as QueueProcessors;
}
