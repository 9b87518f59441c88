import { and, eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Executor } from '../db/client.js';
import { jobOutbox, type JobStoreName } from '../db/schema.js';
import { DEDUP_WINDOW_MS, type QueueName } from './config.js';

/** Channel on which a committed outbox row announces itself. */
export const OUTBOX_CHANNEL = 'job_outbox_insert';

/** A job as the outbox holds it before and after dispatch. */
export type OutboxJob = typeof jobOutbox.$inferSelect;

/** What is needed to write one job into the outbox. */
export interface NewOutboxJob {
  id: string;
  queue: QueueName;
  name: string;
  data: Record<string, unknown>;
  dedupKey: string;
  companyId: string | null;
  requestId: string | null;
}

/**
 * Takes the de-duplication window of `key` for `jobId`, unless another job
 * holds it; then that job's id is returned. Runs in the caller's
 * transaction: a rolled-back job frees its window, and a concurrent caller
 * with the same key waits for the first to commit or roll back.
 */
export async function claimDedupKey(
  executor: Executor,
  key: string,
  jobId: string,
): Promise<string | null> {
  const windowSeconds = DEDUP_WINDOW_MS / 1000;
  const claimed = await executor.execute<{ job_id: string }>(sql`
    insert into job_dedup_keys (key, job_id, expires_at)
    values (${key}, ${jobId}, now() + make_interval(secs => ${windowSeconds}))
    on conflict (key) do update
      set job_id = excluded.job_id, expires_at = excluded.expires_at
      where job_dedup_keys.expires_at <= now()
    returning job_id`);
  if (claimed.rows.length > 0) return null;

  const holder = await executor.execute<{ job_id: string }>(
    sql`select job_id from job_dedup_keys where key = ${key}`,
  );
  return holder.rows[0]?.job_id ?? null;
}

/**
 * Writes the row and queues a notification that PostgreSQL delivers only
 * when the surrounding transaction commits, so no dispatcher ever sees a
 * job whose transaction rolled back.
 */
export async function insertOutboxJob(
  executor: Executor,
  job: NewOutboxJob,
): Promise<void> {
  await executor.insert(jobOutbox).values(job);
  await executor.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${job.id})`);
}

/** Reads one outbox row, optionally only within one company. */
export async function findOutboxJob(
  executor: Executor,
  queue: QueueName,
  id: string,
): Promise<OutboxJob | undefined> {
  const [row] = await executor
    .select()
    .from(jobOutbox)
    .where(and(eq(jobOutbox.id, id), eq(jobOutbox.queue, queue)));
  return row;
}

/** A claimed row, as the dispatcher hands it to a store. */
export interface PendingOutboxJob {
  id: string;
  queue: QueueName;
  name: string;
  data: Record<string, unknown>;
  requestId: string | null;
}

/**
 * Locks up to `limit` undispatched rows for this transaction, skipping rows
 * another process holds, so no row is dispatched by two processes at once.
 */
export async function lockPendingJobs(
  client: pg.PoolClient,
  limit: number,
  ids?: readonly string[],
): Promise<PendingOutboxJob[]> {
  const result = await client.query<PendingOutboxJob>(
    `select id, queue, name, data, request_id as "requestId"
       from job_outbox
      where dispatched_at is null
        and ($1::uuid[] is null or id = any($1::uuid[]))
      order by created_at
      limit $2
      for update skip locked`,
    [ids ?? null, limit],
  );
  return result.rows;
}

/** Records where each job went; rows with no store stay pending. */
export async function recordDispatch(
  client: pg.PoolClient,
  outcomes: readonly { id: string; store?: JobStoreName; error?: string }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  await client.query(
    `update job_outbox as o
        set dispatched_at = case when v.store is null then null else now() end,
            store = v.store,
            dispatch_attempts = o.dispatch_attempts + 1,
            last_dispatch_error = v.error
       from unnest($1::uuid[], $2::text[], $3::text[]) as v(id, store, error)
      where o.id = v.id`,
    [
      outcomes.map((outcome) => outcome.id),
      outcomes.map((outcome) => outcome.store ?? null),
      outcomes.map((outcome) => outcome.error ?? null),
    ],
  );
}
