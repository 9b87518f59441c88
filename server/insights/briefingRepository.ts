import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { companies, users } from '../db/schema.js';
import {
  dailyBriefings,
  type NarrativeProvider,
} from '../db/schemas/insightsSchema.js';
import type { BriefingFacts } from './insightTypes.js';

/** How many late order numbers a briefing names; the count is exact. */
const LATE_ORDERS_NAMED = 10;
const BUSIEST_PRODUCTS = 5;

export type CompanyRow = typeof companies.$inferSelect;
export type BriefingRow = typeof dailyBriefings.$inferSelect;

export async function findCompany(
  db: Executor,
  companyId: string,
): Promise<CompanyRow | undefined> {
  const [row] = await db
    .select()
    .from(companies)
    .where(eq(companies.id, companyId));
  return row;
}

/** The company's admins, who receive its briefing. */
export function listCompanyAdmins(db: Executor, companyId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.role, 'company_admin')))
    .orderBy(asc(users.createdAt), asc(users.id));
}

/**
 * The figures of `date` (YYYY-MM-DD) in the company's own time zone, with
 * the same day bounds and "not cancelled" rule as the briefing email.
 *
 * Failed jobs: only failures the database records are counted, emails the
 * provider refused (email_log) and jobs the outbox could not hand to any
 * store. A job that failed for good inside a store (a PDF, say) is not:
 * finding those means scanning BullMQ's failed sets in both stores for
 * every company, which a daily job should not do.
 */
export async function collectBriefingFacts(
  db: Executor,
  company: Pick<CompanyRow, 'id' | 'timeZone'>,
  date: string,
): Promise<BriefingFacts> {
  const zone = company.timeZone;
  const dayStart = sql`((${date}::date)::timestamp at time zone ${zone})`;
  const dayEnd = sql`((${date}::date + 1)::timestamp at time zone ${zone})`;
  const inDay = (column: string) =>
    sql`${sql.raw(column)} >= ${dayStart} and ${sql.raw(column)} < ${dayEnd}`;

  const revenue = await db.execute<{
    currency: string;
    order_count: number;
    amount_cents: string;
  }>(sql`
    select currency, count(*)::int as order_count,
           sum(total_cents)::text as amount_cents
      from orders
     where company_id = ${company.id} and status <> 'cancelled'
       and ${inDay('created_at')}
     group by currency order by currency`);

  const late = await db.execute<{ order_number: string; total: number }>(sql`
    select order_number, count(*) over ()::int as total
      from orders
     where company_id = ${company.id} and status <> 'cancelled'
       and due_at is not null and due_at < ${dayEnd}
       and created_at < ${dayEnd}
       and (shipped_at is null or shipped_at >= ${dayEnd})
     order by due_at, order_number
     limit ${LATE_ORDERS_NAMED}`);

  const failed = await db.execute<{ emails: number; undispatched: number }>(
    sql`
    select
      (select count(*)::int from email_log
        where company_id = ${company.id} and status = 'failed'
          and ${inDay('created_at')}) as emails,
      (select count(*)::int from job_outbox
        where company_id = ${company.id} and dispatched_at is null
          and dispatch_attempts > 0 and ${inDay('created_at')}) as undispatched`,
  );

  const busiest = await db.execute<{
    description: string;
    orders: number;
    quantity: number;
  }>(sql`
    select btrim(item ->> 'description') as description,
           count(distinct o.id)::int as orders,
           sum((item ->> 'quantity')::int)::int as quantity
      from orders o cross join lateral jsonb_array_elements(o.items) item
     where o.company_id = ${company.id} and o.status <> 'cancelled'
       and ${inDay('o.created_at')}
     group by 1 order by orders desc, quantity desc, description
     limit ${BUSIEST_PRODUCTS}`);

  return {
    date,
    timeZone: zone,
    orderCount: revenue.rows.reduce((sum, row) => sum + row.order_count, 0),
    revenue: revenue.rows.map((row) => ({
      currency: row.currency,
      amountCents: Number(row.amount_cents),
    })),
    lateOrders: {
      count: late.rows[0]?.total ?? 0,
      orderNumbers: late.rows.map((row) => row.order_number),
    },
    failedJobs: failed.rows[0] ?? { emails: 0, undispatched: 0 },
    busiestProducts: busiest.rows,
  };
}

/** What the AI job stores for a company's day. */
export interface BriefingContent {
  companyId: string;
  date: string;
  facts: BriefingFacts;
  narrative: string;
  provider: NarrativeProvider;
  fallbackReason: string | null;
}

/**
 * Inserts or refreshes the day's briefing and returns it. The row stays
 * locked until the transaction ends, so two runs of one day take turns.
 */
export async function saveBriefing(
  tx: Executor,
  content: BriefingContent,
): Promise<BriefingRow> {
  const { companyId: _companyId, date: _date, ...changes } = content;
  const [row] = await tx
    .insert(dailyBriefings)
    .values(content)
    .onConflictDoUpdate({
      target: [dailyBriefings.companyId, dailyBriefings.date],
      set: { ...changes, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function markBriefingEmailed(
  tx: Executor,
  briefingId: string,
): Promise<void> {
  await tx
    .update(dailyBriefings)
    .set({ emailedAt: new Date() })
    .where(eq(dailyBriefings.id, briefingId));
}

export async function findBriefing(
  db: Executor,
  companyId: string,
  date: string,
): Promise<BriefingRow | undefined> {
  const [row] = await db
    .select()
    .from(dailyBriefings)
    .where(
      and(
        eq(dailyBriefings.companyId, companyId),
        eq(dailyBriefings.date, date),
      ),
    );
  return row;
}
