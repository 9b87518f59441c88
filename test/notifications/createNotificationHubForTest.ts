import { NotificationHub } from '../../server/notifications/notificationHub.js';
import { createTestLogger } from '../support/testLogger.js';

/** A started hub listening on the test database. */
export async function createNotificationHub(
  databaseUrl: string,
): Promise<NotificationHub> {
  const hub = new NotificationHub({ databaseUrl, logger: createTestLogger() });
  await hub.start();
  return hub;
}
