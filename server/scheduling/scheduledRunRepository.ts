import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { scheduledRuns } from '../db/schemas/insightsSchema.js';

/** The newest period each schedule ran, by scheduler id. */
export interface LastRun {
  periodStart: Date;
  firedAt: Date;
  claimedAt: Date;
}

/**
 * Claims a schedule's period for this tick. True for exactly one caller
 * per period: the row is the claim, and in the caller's transaction it
 * commits together with the jobs the period starts, or not at all.
 */
export async function claimScheduledRun(
  tx: Executor,
  run: { scheduleId: string; periodStart: Date; firedAt: Date },
): Promise<boolean> {
  const claimed = await tx
    .insert(scheduledRuns)
    .values(run)
    .onConflictDoNothing()
    .returning({ scheduleId: scheduledRuns.scheduleId });
  return claimed.length > 0;
}

export async function listLastRuns(
  db: Executor,
): Promise<Map<string, LastRun>> {
  const result = await db.execute<{
    schedule_id: string;
    period_start: string;
    fired_at: string;
    claimed_at: string;
  }>(sql`
    select distinct on (schedule_id) schedule_id, period_start, fired_at,
           claimed_at
      from scheduled_runs
     order by schedule_id, period_start desc`);
  return new Map(
    result.rows.map((row) => [
      row.schedule_id,
      {
        periodStart: new Date(row.period_start),
        firedAt: new Date(row.fired_at),
        claimedAt: new Date(row.claimed_at),
      },
    ]),
  );
}
