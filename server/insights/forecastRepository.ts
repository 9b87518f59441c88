import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { demandForecasts } from '../db/schemas/insightsSchema.js';
import type { ProductLineHistory } from './forecastDemand.js';

/** How far back the forecast looks, and how many lines it follows. */
const HISTORY_DAYS = 400;
const MAX_PRODUCT_LINES = 50;

export type ForecastRow = typeof demandForecasts.$inferSelect;

/**
 * Orders per day and product line (an item description) up to and
 * including `asOfDate` in the company's time zone, cancelled ones left
 * out; the busiest lines first.
 */
export async function loadProductLineHistories(
  db: Executor,
  companyId: string,
  asOfDate: string,
): Promise<ProductLineHistory[]> {
  const result = await db.execute<{
    line: string;
    day: string;
    orders: number;
  }>(sql`
    with days as (
      select btrim(item ->> 'description') as line,
             to_char((o.created_at at time zone c.time_zone)::date,
                     'YYYY-MM-DD') as day,
             count(distinct o.id)::int as orders
        from orders o
        join companies c on c.id = o.company_id
        cross join lateral jsonb_array_elements(o.items) item
       where o.company_id = ${companyId} and o.status <> 'cancelled'
         and o.created_at < ((${asOfDate}::date + 1)::timestamp
                             at time zone c.time_zone)
         and o.created_at >= ((${asOfDate}::date - ${HISTORY_DAYS}::int)::timestamp
                              at time zone c.time_zone)
       group by 1, 2
    ), lines as (
      select line from days group by line
       order by sum(orders) desc, line limit ${MAX_PRODUCT_LINES}
    )
    select d.line, d.day, d.orders from days d join lines using (line)
     order by d.line, d.day`);

  const byLine = new Map<string, Map<string, number>>();
  for (const row of result.rows) {
    const days = byLine.get(row.line) ?? new Map<string, number>();
    days.set(row.day, row.orders);
    byLine.set(row.line, days);
  }
  return [...byLine].map(([productLine, dailyOrders]) => ({
    productLine,
    dailyOrders,
  }));
}

/** Stores a company's forecast of one day; a re-run replaces it. */
export async function saveForecast(
  db: Executor,
  values: typeof demandForecasts.$inferInsert,
): Promise<ForecastRow> {
  const { companyId: _companyId, asOfDate: _asOfDate, ...changes } = values;
  const [row] = await db
    .insert(demandForecasts)
    .values(values)
    .onConflictDoUpdate({
      target: [demandForecasts.companyId, demandForecasts.asOfDate],
      set: { ...changes, createdAt: new Date() },
    })
    .returning();
  return row!;
}

/** The company's most recent forecast. */
export async function findLatestForecast(
  db: Executor,
  companyId: string,
): Promise<ForecastRow | undefined> {
  const [row] = await db
    .select()
    .from(demandForecasts)
    .where(eq(demandForecasts.companyId, companyId))
    .orderBy(desc(demandForecasts.asOfDate))
    .limit(1);
  return row;
}
