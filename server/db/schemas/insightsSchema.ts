import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  BriefingFacts,
  ForecastProductLine,
  SkippedProductLine,
} from '../../insights/insightTypes.js';
import { companies } from '../schema.js';

/** Who wrote a briefing's narrative. */
export const NARRATIVE_PROVIDERS = ['local', 'openai-compatible'] as const;
export type NarrativeProvider = (typeof NARRATIVE_PROVIDERS)[number];

/**
 * One company's briefing of one calendar day (in the company's time zone).
 * A re-run replaces facts and narrative; `emailed_at` makes sure the
 * admins get the email of a day once.
 */
export const dailyBriefings = pgTable(
  'daily_briefings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    facts: jsonb('facts').$type<BriefingFacts>().notNull(),
    narrative: text('narrative').notNull(),
    provider: text('provider', { enum: NARRATIVE_PROVIDERS }).notNull(),
    /** Why the configured provider was not used; null when it was. */
    fallbackReason: text('fallback_reason'),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    uniqueIndex('daily_briefings_company_date_key').on(
      table.companyId,
      table.date,
    ),
    check(
      'daily_briefings_provider_check',
      sql`${table.provider} in ('local', 'openai-compatible')`,
    ),
  ],
);

/**
 * A company's demand forecast made from the orders up to `as_of_date`
 * (inclusive, company time zone). Each product line carries its 14 days,
 * the 80% interval and its backtest error; a re-run of a day replaces it.
 */
export const demandForecasts = pgTable(
  'demand_forecasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    asOfDate: date('as_of_date', { mode: 'string' }).notNull(),
    horizonDays: integer('horizon_days').notNull(),
    method: text('method').notNull(),
    productLines: jsonb('product_lines')
      .$type<ForecastProductLine[]>()
      .notNull(),
    skipped: jsonb('skipped').$type<SkippedProductLine[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    uniqueIndex('demand_forecasts_company_day_key').on(
      table.companyId,
      table.asOfDate,
    ),
  ],
);

/**
 * One row per schedule and period that ran. Both stores fire each
 * schedule, and so may two processes after a failover; the primary key
 * lets exactly one fire do the period's work.
 */
export const scheduledRuns = pgTable(
  'scheduled_runs',
  {
    scheduleId: text('schedule_id').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    /** The scheduler tick that claimed the period. */
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.scheduleId, table.periodStart] }),
    index('scheduled_runs_claimed_idx').on(table.claimedAt),
  ],
);
