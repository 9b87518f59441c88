import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { orders } from '../db/schema.js';
import { startOfLocalDay } from '../scheduling/schedulePeriod.js';
import type { SyntheticOrder } from './synthesizeOrderHistory.js';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const BATCH_SIZE = 500;
/** Promised a week after ordering; shipped after four days, nearly always. */
const DUE_AFTER_MS = 7 * DAY_MS;
const SHIPPED_AFTER_MS = 4 * DAY_MS;
const NEVER_SHIPPED_EVERY = 37;

export interface OrderHistoryTarget {
  companyId: string;
  patientId: string;
  createdByUserId: string;
  timeZone: string;
  now?: Date;
}

/**
 * Writes made-up orders as real rows (demo data and tests): placed at
 * their local time, due a week later, shipped after four days unless that
 * is still ahead or the order is one of the few left late on purpose.
 */
export async function insertOrderHistory(
  db: Executor,
  target: OrderHistoryTarget,
  history: readonly SyntheticOrder[],
): Promise<number> {
  const nowMs = (target.now ?? new Date()).getTime();
  const rows = history.map((order, index) => {
    const createdAt = new Date(
      startOfLocalDay(order.date, target.timeZone).getTime() +
        order.minuteOfDay * MINUTE_MS,
    );
    const shipAt = createdAt.getTime() + SHIPPED_AFTER_MS;
    const shipped = shipAt < nowMs && index % NEVER_SHIPPED_EVERY !== 0;
    const items = order.items.map((item) => ({
      ...item,
      lineTotalCents: item.quantity * item.unitPriceCents,
    }));
    return {
      companyId: target.companyId,
      patientId: target.patientId,
      createdByUserId: target.createdByUserId,
      orderNumber: sql<string>`'IL-' || lpad(nextval('order_number_seq')::text, 6, '0')`,
      status: shipped ? ('shipped' as const) : ('pending' as const),
      items,
      totalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0),
      shippedAt: shipped ? new Date(shipAt) : null,
      dueAt: new Date(createdAt.getTime() + DUE_AFTER_MS),
      createdAt,
    };
  });
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    await db.insert(orders).values(rows.slice(start, start + BATCH_SIZE));
  }
  return rows.length;
}
