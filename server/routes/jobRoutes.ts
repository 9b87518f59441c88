import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { QUEUE_NAMES } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { getJobStatus } from '../queue/jobStatus.js';
import { entityId } from '../../shared/jobs/ids.js';
import { parseInput } from './parseInput.js';

const jobParams = z.object({
  queue: z.enum(QUEUE_NAMES, {
    message: `expected one of ${QUEUE_NAMES.join(', ')}`,
  }),
  id: entityId,
});

/** A job's state, for the company that made it. */
export function createJobRoutes(db: Database, jobQueue: JobQueue): Router {
  const router = Router();

  router.get('/:queue/:id', async (req, res) => {
    const { queue, id } = parseInput(jobParams, req.params);
    const status = await getJobStatus(db, jobQueue, queue, id);
    if (!status || status.companyId !== currentUser(req).companyId) {
      throw new NotFoundError('Job', { queue, id });
    }
    res.json({ job: status });
  });

  return router;
}
