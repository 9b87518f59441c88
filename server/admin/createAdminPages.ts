import {
  Router,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { ValidationError } from '../errors/validationError.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { parseInput } from '../routes/parseInput.js';
import { createAdminLoginRoutes } from './adminLoginRoutes.js';
import { ADMIN_CONTENT_SECURITY_POLICY, sendAdminPage } from './adminPage.js';
import { collectQueueHealth } from './collectQueueHealth.js';
import { createQueueDashboard } from './createQueueDashboard.js';
import { renderHealthPage } from './healthPage.js';
import { jobSearchQuery, toJobSearch } from './jobSearchQuery.js';
import { renderJobSearchPage } from './jobSearchPage.js';
import { requireAdminSession } from './requireAdminSession.js';
import { searchJobs } from './searchJobs.js';

function setAdminHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Content-Security-Policy', ADMIN_CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
}

export interface AdminPagesOptions {
  db: Database;
  jobQueue: JobQueue;
  logger: Logger;
}

/**
 * Everything under /admin: the login form, then, behind a platform admin's
 * session, the queue dashboard, the health page and the job search page.
 */
export function createAdminPages(options: AdminPagesOptions): Router {
  const { db, jobQueue, logger } = options;
  const router = Router();
  router.use(setAdminHeaders);
  router.use(createAdminLoginRoutes(db, logger));
  router.use(requireAdminSession(db));

  router.get('/', (_req, res) => res.redirect(303, '/admin/queues'));
  router.get('/health', async (_req, res) => {
    sendAdminPage(
      res,
      200,
      renderHealthPage(await collectQueueHealth(jobQueue)),
    );
  });
  router.get('/jobs', async (req, res) => {
    if (Object.keys(req.query).length === 0) {
      sendAdminPage(res, 200, renderJobSearchPage({}));
      return;
    }
    try {
      const query = parseInput(jobSearchQuery, req.query);
      const { filters, page } = toJobSearch(query, currentUser(req));
      const result = await searchJobs(db, jobQueue, filters, page);
      sendAdminPage(res, 200, renderJobSearchPage(query, result));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      sendAdminPage(
        res,
        400,
        renderJobSearchPage({}, undefined, error.message),
      );
    }
  });
  router.use('/queues', createQueueDashboard(jobQueue, logger));
  return router;
}
