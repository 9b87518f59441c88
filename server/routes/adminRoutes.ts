import { Router } from 'express';
import { requireRole } from '../auth/authenticate.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { collectQueueStats } from '../queue/queueStats.js';

/** Platform operators only. */
export function createAdminRoutes(jobQueue: JobQueue): Router {
  const router = Router();
  router.use(requireRole('platform_admin'));

  router.get('/queue-stats', async (_req, res) => {
    res.json(await collectQueueStats(jobQueue));
  });

  return router;
}
