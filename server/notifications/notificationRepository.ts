import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { users } from '../db/schema.js';
import {
  notifications,
  type NotificationRow,
} from '../db/schemas/notificationsSchema.js';
import { NOTIFICATION_CHANNEL } from './notificationChannel.js';

/** A notification as the worker stores it. */
export interface NewNotification {
  userId: string;
  companyId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** The job that made it; a retried job finds its row instead. */
  jobId: string | null;
}

/** Reads and writes of the notifications table. */
export type NotificationRepository = ReturnType<
  typeof createNotificationRepository
>;

export function createNotificationRepository(db: Executor) {
  return {
    /**
     * Stores the row and announces it on the channel, in one transaction:
     * PostgreSQL delivers the NOTIFY on commit only. Rows of one user are
     * written one at a time (advisory lock on the user), so their ids
     * commit in order and a stream resuming after id N misses nothing.
     */
    async storeNotification(
      values: NewNotification,
    ): Promise<{ row: NotificationRow; created: boolean }> {
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtext(${`notifications:${values.userId}`}))`,
        );
        const [inserted] = await tx
          .insert(notifications)
          .values(values)
          .onConflictDoNothing({ target: notifications.jobId })
          .returning();
        if (inserted) {
          const signal = JSON.stringify({
            id: inserted.id,
            userId: inserted.userId,
          });
          await tx.execute(
            sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${signal})`,
          );
          return { row: inserted, created: true };
        }
        const [existing] = await tx
          .select()
          .from(notifications)
          .where(eq(notifications.jobId, values.jobId!));
        return { row: existing!, created: false };
      });
    },

    async findUser(userId: string) {
      const [row] = await db
        .select({ id: users.id, companyId: users.companyId })
        .from(users)
        .where(eq(users.id, userId));
      return row;
    },

    /** A user's notifications, newest first, below the `beforeId` cursor. */
    listForUser(
      userId: string,
      page: { limit: number; beforeId?: number },
    ): Promise<NotificationRow[]> {
      return db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            page.beforeId === undefined
              ? undefined
              : lt(notifications.id, page.beforeId),
          ),
        )
        .orderBy(desc(notifications.id))
        .limit(page.limit);
    },

    /** What a stream has not sent yet: ids above `afterId`, oldest first. */
    listAfter(
      userId: string,
      afterId: number,
      limit: number,
    ): Promise<NotificationRow[]> {
      return db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.userId, userId), gt(notifications.id, afterId)),
        )
        .orderBy(asc(notifications.id))
        .limit(limit);
    },

    /** The newest id of a user, 0 when there is none. */
    async findLatestId(userId: string): Promise<number> {
      const [row] = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.id))
        .limit(1);
      return row?.id ?? 0;
    },

    /** Marks one of the user's notifications read; the first time stays. */
    async markRead(
      userId: string,
      id: number,
    ): Promise<NotificationRow | undefined> {
      const [row] = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
        .returning();
      return row;
    },
  };
}
