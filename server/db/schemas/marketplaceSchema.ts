import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies, users } from '../schema.js';

export const CONNECTION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * A request of one company to connect with another. The id is numeric
 * because the marketplace email job names its connection by number. At
 * most one open (pending or accepted) connection exists per pair of
 * companies, whichever asked first.
 */
export const marketplaceConnections = pgTable(
  'marketplace_connections',
  {
    id: serial('id').primaryKey(),
    requesterCompanyId: uuid('requester_company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    targetCompanyId: uuid('target_company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    status: text('status', { enum: CONNECTION_STATUSES })
      .notNull()
      .default('pending'),
    respondedByUserId: uuid('responded_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('marketplace_connections_open_pair_key')
      .on(
        sql`least(${table.requesterCompanyId}, ${table.targetCompanyId})`,
        sql`greatest(${table.requesterCompanyId}, ${table.targetCompanyId})`,
      )
      .where(sql`${table.status} in ('pending', 'accepted')`),
    index('marketplace_connections_target_idx').on(table.targetCompanyId),
    index('marketplace_connections_requester_idx').on(table.requesterCompanyId),
    check(
      'marketplace_connections_status_check',
      sql`${table.status} in ('pending', 'accepted', 'declined')`,
    ),
    check(
      'marketplace_connections_not_self_check',
      sql`${table.requesterCompanyId} <> ${table.targetCompanyId}`,
    ),
  ],
);

export type MarketplaceConnectionRow =
  typeof marketplaceConnections.$inferSelect;
