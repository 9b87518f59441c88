/**
 * PostgreSQL channel on which a stored notification announces itself. The
 * payload is `{"id": <notification id>, "userId": "<uuid>"}`: small and
 * free of text, so it never nears NOTIFY's 8000-byte limit.
 */
export const NOTIFICATION_CHANNEL = 'notification_created';

/** What travels on the channel. */
export interface NotificationSignal {
  id: number;
  userId: string;
}

/** Reads a payload; anything malformed is ignored by the caller. */
export function parseNotificationSignal(
  payload: string | undefined,
): NotificationSignal | undefined {
  if (!payload) return undefined;
  try {
    const value: unknown = JSON.parse(payload);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as NotificationSignal).id === 'number' &&
      typeof (value as NotificationSignal).userId === 'string'
    ) {
      return value as NotificationSignal;
    }
  } catch {
    // A payload that is not JSON was not sent by this platform.
  }
  return undefined;
}
