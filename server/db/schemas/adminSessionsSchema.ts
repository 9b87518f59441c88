import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiTokens, users } from '../schema.js';

/**
 * Sessions of the operators' dashboard. Only the SHA-256 of the random
 * session id is stored, so a copy of this table cannot be replayed as a
 * cookie, and a cookie that matches no live row is refused.
 */
export const adminSessions = pgTable(
  'admin_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionHash: text('session_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The token the session was opened with: revoking it ends the session. */
    apiTokenId: uuid('api_token_id').references(() => apiTokens.id, {
      onDelete: 'cascade',
    }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('admin_sessions_expires_idx').on(table.expiresAt)],
);
