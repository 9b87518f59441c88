import { Router } from 'express';
import { requireRole } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { listSchedules } from '../scheduling/listSchedules.js';

/** The job schedulers of both stores, for platform operators. */
export function createScheduleRoutes(db: Database, jobQueue: JobQueue): Router {
  const router = Router();
  router.use(requireRole('platform_admin'));

  router.get('/', async (_req, res) => {
    res.json(await listSchedules(db, jobQueue));
  });

  return router;
}
