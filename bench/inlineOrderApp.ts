import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type Express } from 'express';
import { authenticate, currentUser } from '../server/auth/authenticate.js';
import type { Config } from '../server/config.js';
import type { Database } from '../server/db/client.js';
import { createEmailProcessors } from '../server/email/createEmailProcessors.js';
import { createMailboxTransport } from '../server/email/transports/mailboxTransport.js';
import type { Logger } from '../server/logger.js';
import { insertCompanyOrder } from '../server/orders/orderService.js';
import { createPdfProcessors } from '../server/pdf/createPdfProcessors.js';
import type { PdfRenderer } from '../server/pdf/pdfRenderer.js';
import { createErrorHandler } from '../server/routes/errorHandler.js';
import { parseInput } from '../server/routes/parseInput.js';
import { requestLogging } from '../server/routes/requestLogging.js';
import type { JobContext } from '../server/workers/jobProcessor.js';
import { createOrderRequest } from '../shared/api/orderRequests.js';

/**
 * The baseline of scenario 2, in the bench only: `POST /api/orders` as the
 * old design ran it, sending the confirmation email and rendering the order
 * sheet inside the request, with the same middleware, the same processors
 * and the same shared browser as the real server.
 */
export function createInlineOrderApp(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  renderer: PdfRenderer;
}): { app: Express; waitForIdle(timeoutMs: number): Promise<void> } {
  const { config, db, logger, renderer } = deps;
  // Requests still rendering when the load stops must finish before the
  // browser closes under them.
  let inFlight = 0;
  const emails = createEmailProcessors({
    db,
    transport: createMailboxTransport({
      directory: path.resolve(config.uploadsDir, 'emails'),
      logger,
    }),
    from: config.email.from,
    publicBaseUrl: config.publicBaseUrl,
  });
  const pdfs = createPdfProcessors({
    db,
    renderer,
    uploadsDir: config.uploadsDir,
  });
  const contextFor = (jobName: string): JobContext => ({
    jobId: randomUUID(),
    jobName,
    attempt: 1,
    maxAttempts: 1,
    logger,
    reportProgress: async () => {},
  });

  const app = express();
  app.use(requestLogging(logger));
  app.use(express.json({ limit: '100kb', strict: true }));
  app.post('/api/orders', authenticate(db), async (req, res) => {
    const body = parseInput(createOrderRequest, req.body);
    const user = currentUser(req);
    const order = await db.transaction((tx) =>
      insertCompanyOrder(tx, user, body),
    );
    inFlight += 1;
    try {
      await runSideEffects(order.id, user.id);
    } finally {
      inFlight -= 1;
    }
    res.status(201).json({ order });
  });
  app.use(createErrorHandler(logger));

  async function runSideEffects(orderId: string, userId: string) {
    await emails['order-confirmation'](
      { orderId, userId },
      contextFor('order-confirmation'),
    );
    await pdfs['order-sheet']({ orderId }, contextFor('order-sheet'));
  }

  async function waitForIdle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return { app, waitForIdle };
}
