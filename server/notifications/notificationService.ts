import type { ListNotificationsQuery } from '../../shared/api/notificationRequests.js';
import type { AuthenticatedUser } from '../auth/authenticate.js';
import type { Executor } from '../db/client.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { createNotificationRepository } from './notificationRepository.js';
import {
  toNotificationView,
  type NotificationView,
} from './notificationView.js';

/** One page of the caller's notifications, newest first. */
export interface NotificationPage {
  notifications: NotificationView[];
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: number | null;
}

export async function listNotifications(
  db: Executor,
  user: AuthenticatedUser,
  query: ListNotificationsQuery,
): Promise<NotificationPage> {
  const rows = await createNotificationRepository(db).listForUser(user.id, {
    limit: query.limit,
    beforeId: query.before,
  });
  const last = rows.at(-1);
  return {
    notifications: rows.map(toNotificationView),
    nextBefore: rows.length === query.limit && last ? last.id : null,
  };
}

/** Marks one of the caller's own notifications read; others are 404. */
export async function markNotificationRead(
  db: Executor,
  user: AuthenticatedUser,
  id: number,
): Promise<NotificationView> {
  const row = await createNotificationRepository(db).markRead(user.id, id);
  if (!row) throw new NotFoundError('Notification', { id });
  return toNotificationView(row);
}
