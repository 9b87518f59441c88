import { and, asc, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { companies, orders, users } from '../db/schema.js';
import { addDays, localDateOf } from './calendarDate.js';
import { insertOrderHistory } from './insertOrderHistory.js';
import { synthesizeOrderHistory } from './synthesizeOrderHistory.js';

const HISTORY_DAYS = 120;
const SEED = 20260401;

/**
 * Gives the demo company four months of orders with a weekly rhythm, so
 * the forecast has something to learn. Runs once: a company that already
 * has orders older than two weeks is left as it is.
 */
export async function seedOrderHistory(
  db: Database,
  companyId: string,
  patientId: string,
): Promise<number> {
  const twoWeeksAgo = new Date(Date.now() - 14 * 24 * 60 * 60 * 1000);
  const [old] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(eq(orders.companyId, companyId), lt(orders.createdAt, twoWeeksAgo)),
    )
    .limit(1);
  if (old) return 0;

  const [company] = await db
    .select({ timeZone: companies.timeZone })
    .from(companies)
    .where(eq(companies.id, companyId));
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.companyId, companyId))
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!company || !user) return 0;

  const endDate = addDays(localDateOf(new Date(), company.timeZone), -1);
  return insertOrderHistory(
    db,
    {
      companyId,
      patientId,
      createdByUserId: user.id,
      timeZone: company.timeZone,
    },
    synthesizeOrderHistory({ endDate, days: HISTORY_DAYS, seed: SEED }),
  );
}
