import { Router } from 'express';
import {
  listNotificationsQuery,
  notificationIdParams,
  streamResumeInput,
} from '../../shared/api/notificationRequests.js';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { NotificationHub } from '../notifications/notificationHub.js';
import { createNotificationRepository } from '../notifications/notificationRepository.js';
import {
  listNotifications,
  markNotificationRead,
} from '../notifications/notificationService.js';
import { openNotificationStream } from '../notifications/openNotificationStream.js';
import { StreamUnavailableError } from '../errors/streamUnavailableError.js';
import { parseInput } from './parseInput.js';

/** The caller's own notifications: a page, read receipts, a live stream. */
export function createNotificationRoutes(
  db: Database,
  hub: NotificationHub | undefined,
  logger: Logger,
  /** Heartbeat of the stream; default every 15 s. */
  streamOptions: { heartbeatIntervalMs?: number } = {},
): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(listNotificationsQuery, req.query);
    res.json(await listNotifications(db, currentUser(req), query));
  });

  router.get('/stream', (req, res) => {
    if (!hub) throw new StreamUnavailableError();
    const { lastEventId } = parseInput(streamResumeInput, {
      lastEventId: req.get('last-event-id') ?? req.query.lastEventId,
    });
    openNotificationStream({
      req,
      res,
      userId: currentUser(req).id,
      hub,
      repository: createNotificationRepository(db),
      logger: logger.child({ requestId: req.id }),
      lastEventId,
      heartbeatIntervalMs: streamOptions.heartbeatIntervalMs,
    });
  });

  router.post('/:id/read', async (req, res) => {
    const { id } = parseInput(notificationIdParams, req.params);
    res.json({
      notification: await markNotificationRead(db, currentUser(req), id),
    });
  });

  return router;
}
