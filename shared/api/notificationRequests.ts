import { z } from 'zod';

/** A notification id: a positive whole number. */
const notificationId = z.coerce
  .number({ message: 'expected a notification id' })
  .int({ message: 'expected a whole number' })
  .positive({ message: 'expected a positive number' })
  .max(Number.MAX_SAFE_INTEGER);

/** Query of `GET /api/notifications`: newest first, below `before`. */
export const listNotificationsQuery = z.strictObject({
  limit: z.coerce
    .number({ message: 'expected a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(100, { message: 'must be at most 100' })
    .default(20),
  /** The `nextBefore` of the previous page. */
  before: notificationId.optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

/** `:id` of `POST /api/notifications/:id/read`. */
export const notificationIdParams = z.object({ id: notificationId });

/**
 * Where a stream resumes: the `Last-Event-ID` header a browser sends on
 * reconnection, or `?lastEventId=` for clients that cannot set headers.
 */
export const streamResumeInput = z.object({
  lastEventId: z.coerce
    .number({ message: 'expected the id of the last event received' })
    .int({ message: 'expected a whole number' })
    .min(0, { message: 'must not be negative' })
    .max(Number.MAX_SAFE_INTEGER)
    .optional(),
});
