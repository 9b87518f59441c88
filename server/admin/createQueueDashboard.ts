import { createBullBoard } from '@bull-board/api';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type NextFunction, type Request } from 'express';
import type { Response } from 'express';
import { JOB_STORES } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { QUEUE_NAMES } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { StoreQueueAdapter } from './storeQueueAdapter.js';

/** Where the dashboard lives; bull-board builds its links from it. */
export const DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board calls that bypass the platform's contracts: adding or editing
 * a job skips the outbox and its schema, and emptying, obliterating or
 * changing concurrency are not operator actions this platform offers.
 */
const REFUSED_API_CALLS = [
  /^\/api\/queues\/[^/]+\/add$/,
  /^\/api\/queues\/[^/]+\/[^/]+\/update-data$/,
  /^\/api\/queues\/[^/]+\/(empty|obliterate|concurrency)$/,
];

function refuseUnsupportedCalls(
  req: Request,
  res: Response,
  next: NextFunction,
) {
  if (REFUSED_API_CALLS.some((pattern) => pattern.test(req.path))) {
    res.status(405).json({
      error: {
        code: 'method_not_allowed',
        message: 'This dashboard action is not offered; use the admin API',
      },
    });
    return;
  }
  next();
}

/**
 * The six queues of each store in bull-board, twelve in all, named
 * `<store>:<queue>` and shown as "emails · redis". Redis queues are hidden
 * while Redis is down: one unreadable queue would fail the whole list.
 * Run behind `requireAdminSession`.
 */
export function createQueueDashboard(
  jobQueue: JobQueue,
  logger: Logger,
): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const adapters = JOB_STORES.flatMap((store) =>
    QUEUE_NAMES.map((queue) => {
      const adapter = new StoreQueueAdapter(
        jobQueue.store(store).queue(queue),
        store,
      );
      if (store === 'redis') {
        adapter.setVisibilityGuard(() => jobQueue.redisHealth.isUp());
      }
      return adapter;
    }),
  );
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: { uiConfig: { boardTitle: 'IntegratedLens' } },
  });

  const router = Router();
  router.use(refuseUnsupportedCalls);
  router.use((req, _res, next) => {
    if (req.method !== 'GET') {
      logger.info(
        { userId: req.user?.id, method: req.method, action: req.path },
        'admin.dashboard_action',
      );
    }
    next();
  });
  router.use(serverAdapter.getRouter() as Router);
  return router;
}
