import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies, users } from '../schema.js';

/**
 * In-app notifications. The id grows with every row and is the SSE event
 * id, so a stream resumes from `Last-Event-ID` with `id > last`. The job
 * id keeps a retried notification job from storing its row twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' })
      .primaryKey()
      .generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    jobId: uuid('job_id').unique(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    index('notifications_user_idx').on(table.userId, sql`${table.id} desc`),
    // The retention sweep deletes by age.
    index('notifications_created_idx').on(table.createdAt),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
