import { and, eq, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Executor } from '../db/client.js';
import { jobOutbox, type JobStoreName } from '../db/schema.js';
import { DEDUP_WINDOW_MS, type QueueName } from './config.js';
import type { JobTenantSource } from './jobTenant.js';

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

/** An outbox row whose company the statement itself looks up. */
export type ClaimedOutboxJob = Omit<NewOutboxJob, 'companyId'> & {
  tenant: JobTenantSource | null;
};

function companyIdOf(tenant: JobTenantSource | null): SQL {
  if (!tenant) return sql`null::uuid`;
  if ('companyId' in tenant) return sql`${tenant.companyId}::uuid`;
  if ('orderId' in tenant) {
    return sql`(select company_id from orders where id = ${tenant.orderId})`;
  }
  return sql`(select company_id from patients where id = ${tenant.patientId})`;
}

/**
 * `claimDedupKey`, the company lookup, `insertOutboxJob` and its
 * notification as one statement: one round trip instead of four, which is
 * most of an enqueue's time. Alone it is atomic, so a caller without a
 * transaction needs no BEGIN and COMMIT either. Returns the holder's id
 * when another job holds the key, else null.
 */
export async function claimAndInsertOutboxJob(
  executor: Executor,
  job: ClaimedOutboxJob,
): Promise<string | null> {
  const windowSeconds = DEDUP_WINDOW_MS / 1000;
  // Two tries: a key pruned between the claim and the read below is free
  // on the second.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const result = await executor.execute<{ inserted: number }>(sql`
      with claim as (
        insert into job_dedup_keys as held (key, job_id, expires_at)
        values (${job.dedupKey}, ${job.id},
                now() + make_interval(secs => ${windowSeconds}))
        on conflict (key) do update
          set job_id = excluded.job_id, expires_at = excluded.expires_at
          where held.expires_at <= now()
        returning job_id
      ), inserted as (
        insert into job_outbox
          (id, queue, name, data, dedup_key, company_id, request_id)
        select ${job.id}, ${job.queue}, ${job.name},
               ${JSON.stringify(job.data)}::jsonb, ${job.dedupKey},
               ${companyIdOf(job.tenant)}, ${job.requestId}
         where exists (select 1 from claim)
        returning id
      )
      select count(*)::int as inserted
        from (select pg_notify(${OUTBOX_CHANNEL}, id::text) from inserted)
          as notified`);
    if ((result.rows[0]?.inserted ?? 0) > 0) return null;

    // Read in a statement of its own: a holder that committed while the
    // claim waited on the key is not visible to the statement above.
    const holder = await executor.execute<{ job_id: string }>(
      sql`select job_id from job_dedup_keys where key = ${job.dedupKey}`,
    );
    if (holder.rows[0]) return holder.rows[0].job_id;
  }
  throw new Error(`de-duplication key ${job.dedupKey} could not be claimed`);
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
