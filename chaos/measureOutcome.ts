import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChaosWorld } from './chaosWorld.js';
import type { AcceptedOrder, LoadResult } from './loadPlan.js';
import { waitUntil } from './waitUntil.js';

/** One line of the final table. */
export interface ScenarioOutcome {
  accepted: number;
  expectedJobs: number;
  completedJobs: number;
  /** Second confirmations of one order, second order sheets of one order. */
  duplicates: number;
  lost: number;
  /** Jobs waiting, active or delayed in either store, or left in the outbox. */
  stuck: number;
  /** From the end of the load (or the given instant) to drained. */
  drainMs: number | null;
  /** Where the accepted orders' jobs were dispatched. */
  stores: Record<string, number>;
}

interface Effects {
  confirmations: Map<string, number>;
  orderSheets: Map<string, number>;
  stuck: number;
}

/**
 * Waits until every accepted order has its confirmation at the fake Resend
 * and its order sheet on disk and in `documents`, and no job is left
 * waiting or active, at most `drainTimeoutMs`; then counts what happened.
 */
export async function measureOutcome(
  world: ChaosWorld,
  load: LoadResult,
  { drainTimeoutMs, drainFromAt = load.finishedAt }: MeasureOptions,
): Promise<ScenarioOutcome> {
  const orders = load.accepted;
  const drained = await waitUntil(
    async () => {
      const effects = await countEffects(world, orders);
      return isComplete(effects, orders) && effects.stuck === 0;
    },
    { timeoutMs: drainTimeoutMs, intervalMs: 500 },
  );
  const drainMs = drained ? Math.max(0, Date.now() - drainFromAt) : null;

  const effects = await countEffects(world, orders);
  let completedJobs = 0;
  let duplicates = 0;
  for (const order of orders) {
    for (const count of [
      effects.confirmations.get(order.orderId) ?? 0,
      effects.orderSheets.get(order.orderId) ?? 0,
    ]) {
      if (count > 0) completedJobs += 1;
      if (count > 1) duplicates += count - 1;
    }
  }
  return {
    accepted: orders.length,
    expectedJobs: orders.length * 2,
    completedJobs,
    duplicates,
    lost: orders.length * 2 - completedJobs,
    stuck: effects.stuck,
    drainMs,
    stores: await countStores(world, orders),
  };
}

export interface MeasureOptions {
  drainTimeoutMs: number;
  drainFromAt?: number;
}

function isComplete(effects: Effects, orders: AcceptedOrder[]): boolean {
  return orders.every(
    (order) =>
      (effects.confirmations.get(order.orderId) ?? 0) > 0 &&
      (effects.orderSheets.get(order.orderId) ?? 0) > 0,
  );
}

async function countEffects(
  world: ChaosWorld,
  orders: AcceptedOrder[],
): Promise<Effects> {
  return {
    confirmations: countConfirmations(world, orders),
    orderSheets: await countOrderSheets(world, orders),
    stuck: await countStuckJobs(world),
  };
}

/**
 * Deliveries at the sink per order: by the job's idempotency key, and by
 * the order number in the subject, so that a second message sent under
 * another key is counted too.
 */
function countConfirmations(
  world: ChaosWorld,
  orders: AcceptedOrder[],
): Map<string, number> {
  const deliveries = world.fakeResend.deliveries();
  const counts = new Map<string, number>();
  for (const order of orders) {
    const key = `order-confirmation:${order.confirmationEmailJobId}`;
    const subject = `Order ${order.orderNumber} confirmed`;
    const count = deliveries.filter(
      (delivery) =>
        delivery.idempotencyKey === key || delivery.body.subject === subject,
    ).length;
    counts.set(order.orderId, count);
  }
  return counts;
}

/** Order-sheet rows whose file exists, per order. */
async function countOrderSheets(
  world: ChaosWorld,
  orders: AcceptedOrder[],
): Promise<Map<string, number>> {
  const result = await world.database.pool.query<{
    order_id: string;
    path: string;
  }>(
    `select order_id, path from documents
      where type = 'order-sheet' and order_id = any($1::uuid[])`,
    [orders.map((order) => order.orderId)],
  );
  const counts = new Map<string, number>();
  for (const row of result.rows) {
    const file = path.join(world.uploadsDir, row.path);
    const onDisk = await stat(file).then(
      (info) => info.size > 0,
      () => false,
    );
    if (onDisk) counts.set(row.order_id, (counts.get(row.order_id) ?? 0) + 1);
  }
  return counts;
}

/** Unknown (a store unreadable) counts as stuck. */
async function countStuckJobs(world: ChaosWorld): Promise<number> {
  const counts = await world.jobCounter.count();
  if (!counts) return Number.POSITIVE_INFINITY;
  let stuck = 0;
  for (const [name, queue] of Object.entries(counts)) {
    // The scheduled queue always holds one delayed job per job scheduler
    // and store: its next run. That is the schedule, not stranded work.
    const delayed = name === 'scheduled' ? 0 : queue.delayed;
    stuck += queue.waiting + queue.active + delayed;
  }
  const pending = await world.database.pool.query<{ count: string }>(
    'select count(*) from job_outbox where dispatched_at is null',
  );
  return stuck + Number(pending.rows[0]?.count ?? 0);
}

async function countStores(
  world: ChaosWorld,
  orders: AcceptedOrder[],
): Promise<Record<string, number>> {
  const ids = orders.flatMap((order) => [
    order.confirmationEmailJobId,
    order.orderSheetJobId,
  ]);
  const result = await world.database.pool.query<{
    store: string | null;
    count: string;
  }>(
    `select store, count(*) from job_outbox
      where id = any($1::uuid[]) group by store`,
    [ids],
  );
  return Object.fromEntries(
    result.rows.map((row) => [row.store ?? 'none', Number(row.count)]),
  );
}
