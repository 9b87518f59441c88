import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  CLEANABLE_STATES,
  cleanQueue,
  retryFailedJobs,
  retryJob,
  setQueuePaused,
} from '../admin/queueActions.js';
import { collectQueueHealth } from '../admin/collectQueueHealth.js';
import { jobSearchQuery, toJobSearch } from '../admin/jobSearchQuery.js';
import { searchJobs } from '../admin/searchJobs.js';
import { currentUser, requireRole } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { QUEUE_NAMES } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { collectQueueStats } from '../queue/queueStats.js';
import { entityId } from '../../shared/jobs/ids.js';
import { parseInput } from './parseInput.js';

const queueName = z.enum(QUEUE_NAMES, {
  message: `expected one of ${QUEUE_NAMES.join(', ')}`,
});
const queueParams = z.object({ queue: queueName });
const jobParams = z.object({ queue: queueName, id: entityId });
const cleanBody = z.object({
  state: z.enum(CLEANABLE_STATES, {
    message: `expected one of ${CLEANABLE_STATES.join(', ')}`,
  }),
  olderThanMs: z.number().int().min(0),
});

export interface AdminRoutesOptions {
  db: Database;
  jobQueue: JobQueue;
  logger: Logger;
}

/**
 * Operators' API for scripts. The job search is open to company admins
 * (their own company only); everything else is for platform admins.
 * Every action is logged with the acting user's id.
 */
export function createAdminRoutes(options: AdminRoutesOptions): Router {
  const { db, jobQueue, logger } = options;
  const router = Router();
  const logAction = (req: Request, fields: Record<string, unknown>) =>
    logger.info(
      { userId: currentUser(req).id, requestId: req.id, ...fields },
      'admin.action',
    );

  router.get(
    '/jobs',
    requireRole('platform_admin', 'company_admin'),
    async (req, res) => {
      const query = parseInput(jobSearchQuery, req.query);
      const { filters, page } = toJobSearch(query, currentUser(req));
      res.json(await searchJobs(db, jobQueue, filters, page));
    },
  );

  router.use(requireRole('platform_admin'));

  router.get('/queue-stats', async (_req, res) => {
    res.json(await collectQueueStats(jobQueue));
  });

  router.get('/health', async (_req, res) => {
    res.json(await collectQueueHealth(jobQueue));
  });

  router.post('/queues/:queue/jobs/:id/retry', async (req, res) => {
    const { queue, id } = parseInput(jobParams, req.params);
    const outcome = await retryJob(db, jobQueue, queue, id);
    logAction(req, { action: 'retry', queue, jobId: id, ...outcome });
    res.json({ id, queue, ...outcome });
  });

  router.post('/queues/:queue/retry-failed', async (req, res) => {
    const { queue } = parseInput(queueParams, req.params);
    const stores = await retryFailedJobs(jobQueue, queue);
    logAction(req, { action: 'retry-failed', queue, stores });
    res.json({ queue, stores });
  });

  router.post('/queues/:queue/clean', async (req, res) => {
    const { queue } = parseInput(queueParams, req.params);
    const { state, olderThanMs } = parseInput(cleanBody, req.body);
    const stores = await cleanQueue(jobQueue, queue, state, olderThanMs);
    logAction(req, { action: 'clean', queue, state, olderThanMs, stores });
    res.json({ queue, stores });
  });

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    router.post(`/queues/:queue/${action}`, async (req, res) => {
      const { queue } = parseInput(queueParams, req.params);
      const stores = await setQueuePaused(jobQueue, queue, paused);
      logAction(req, { action, queue, stores });
      res.json({ queue, paused, stores });
    });
  }

  return router;
}
