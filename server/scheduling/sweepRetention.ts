import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';

/** Rows deleted per statement, and statements per table per sweep. */
const BATCH_SIZE = 1000;
const MAX_BATCHES = 50;
/** Claims of scheduled periods are only needed while a period may re-fire. */
const SCHEDULED_RUN_RETENTION_DAYS = 60;

export interface RetentionSweepDeps {
  db: Database;
  uploadsDir: string;
  retention: Config['retention'];
  logger: Logger;
}

/** How many of each were deleted. */
export interface RetentionSweepResult {
  documents: number;
  apiTokens: number;
  notifications: number;
  outboxRows: number;
  dedupKeys: number;
  scheduledRuns: number;
}

/**
 * Runs `statement` (a delete of at most BATCH_SIZE rows) until it deletes
 * less than a batch. Short statements keep locks short; the cap keeps one
 * sweep bounded, and the next hour's sweep carries on.
 */
async function deleteInBatches(
  db: Database,
  statement: ReturnType<typeof sql>,
): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const result = await db.execute(statement);
    total += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < BATCH_SIZE) break;
  }
  return total;
}

/**
 * Generated PDFs past their retention: the file first, then its row, so a
 * crash in between leaves a row whose missing file the next sweep ignores.
 */
async function sweepDocuments(deps: RetentionSweepDeps): Promise<number> {
  const root = path.resolve(deps.uploadsDir);
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const expired = await deps.db.execute<{ id: string; path: string }>(sql`
      select id, path from documents
       where created_at < now() - make_interval(days => ${deps.retention.documentDays})
       order by created_at limit ${BATCH_SIZE}`);
    if (expired.rows.length === 0) break;
    for (const row of expired.rows) {
      const file = path.resolve(root, row.path);
      // Paths are written by the server, but a row never reaches outside.
      if (file.startsWith(`${root}${path.sep}`))
        await rm(file, { force: true });
    }
    const ids = expired.rows.map((row) => row.id);
    await deps.db.execute(
      sql`delete from documents where id = any(${ids}::uuid[])`,
    );
    total += ids.length;
    if (expired.rows.length < BATCH_SIZE) break;
  }
  return total;
}

// The notifications table belongs to another feature and may be missing in
// a database migrated by an older build; then there is nothing to sweep.
async function sweepNotifications(deps: RetentionSweepDeps): Promise<number> {
  const exists = await deps.db.execute<{ found: boolean }>(
    sql`select to_regclass('public.notifications') is not null as found`,
  );
  if (!exists.rows[0]?.found) return 0;
  return deleteInBatches(
    deps.db,
    sql`delete from notifications where id in (
          select id from notifications
           where created_at < now() - make_interval(days => ${deps.retention.notificationDays})
           limit ${BATCH_SIZE})`,
  );
}

/** Deletes what has outlived its use; safe to run at any time, twice. */
export async function sweepRetention(
  deps: RetentionSweepDeps,
): Promise<RetentionSweepResult> {
  const { db, retention } = deps;
  const documents = await sweepDocuments(deps);
  const apiTokens = await deleteInBatches(
    db,
    sql`delete from api_tokens where id in (
          select id from api_tokens
           where revoked_at is not null or expires_at < now()
           limit ${BATCH_SIZE})`,
  );
  const notifications = await sweepNotifications(deps);
  const outboxRows = await deleteInBatches(
    db,
    sql`delete from job_outbox where id in (
          select id from job_outbox
           where dispatched_at < now() - make_interval(days => ${retention.outboxDays})
           limit ${BATCH_SIZE})`,
  );
  const dedupKeys = await deleteInBatches(
    db,
    sql`delete from job_dedup_keys where key in (
          select key from job_dedup_keys where expires_at < now()
           limit ${BATCH_SIZE})`,
  );
  const scheduledRuns = await deleteInBatches(
    db,
    sql`delete from scheduled_runs where (schedule_id, period_start) in (
          select schedule_id, period_start from scheduled_runs
           where claimed_at < now() - make_interval(days => ${SCHEDULED_RUN_RETENTION_DAYS})
           limit ${BATCH_SIZE})`,
  );
  const result = {
    documents,
    apiTokens,
    notifications,
    outboxRows,
    dedupKeys,
    scheduledRuns,
  };
  deps.logger.info(result, 'retention.swept');
  return result;
}
