import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { jobOutbox } from '../db/schema.js';
import type { QueueName } from '../queue/config.js';
import type { JobQueue } from '../queue/jobQueue.js';
import { getJobStatus, type JobStatus } from '../queue/jobStatus.js';

/** What the job search filters on; every field is optional. */
export interface JobSearchFilters {
  orderId?: string;
  companyId?: string;
  queue?: QueueName;
  name?: string;
  /** A JobStatus state: completed, failed, waiting, pending, removed, … */
  state?: string;
  from?: Date;
  to?: Date;
}

export interface JobSearchPage {
  jobs: JobStatus[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

const BATCH_SIZE = 100;
/**
 * A state filter is applied after each job's state is read from its
 * store, so one page reads at most this many outbox rows; a search that
 * scanned this many without filling the page returns what it found and a
 * cursor to go on.
 */
export const STATE_SCAN_LIMIT = 1000;

interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(
    `${cursor.createdAt.toISOString()}|${cursor.id}`,
    'utf8',
  ).toString('base64url');
}

/** The cursor's position, or undefined when it is not one of ours. */
export function decodeCursor(value: string): Cursor | undefined {
  const [at, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()))
    return undefined;
  return { createdAt, id };
}

function buildConditions(filters: JobSearchFilters, after?: Cursor) {
  const conditions: (SQL | undefined)[] = [
    filters.orderId
      ? sql`(${jobOutbox.data} ->> 'orderId') = ${filters.orderId}`
      : undefined,
    filters.companyId ? eq(jobOutbox.companyId, filters.companyId) : undefined,
    filters.queue ? eq(jobOutbox.queue, filters.queue) : undefined,
    filters.name ? eq(jobOutbox.name, filters.name) : undefined,
    filters.from ? gte(jobOutbox.createdAt, filters.from) : undefined,
    filters.to ? lte(jobOutbox.createdAt, filters.to) : undefined,
    after
      ? or(
          lt(jobOutbox.createdAt, after.createdAt),
          and(
            eq(jobOutbox.createdAt, after.createdAt),
            lt(jobOutbox.id, after.id),
          ),
        )
      : undefined,
  ];
  return and(...conditions.filter(Boolean));
}

/**
 * Finds jobs through their outbox rows, newest first, so a job is found
 * whichever store ran it and after the store dropped it (state `removed`).
 * Each hit carries its current state from the store that holds it.
 */
export async function searchJobs(
  db: Database,
  jobQueue: JobQueue,
  filters: JobSearchFilters,
  page: { limit: number; cursor?: Cursor },
): Promise<JobSearchPage> {
  const jobs: JobStatus[] = [];
  let position = page.cursor;
  let scanned = 0;
  while (jobs.length < page.limit && scanned < STATE_SCAN_LIMIT) {
    const batchSize = filters.state ? BATCH_SIZE : page.limit - jobs.length;
    const rows = await db
      .select({
        id: jobOutbox.id,
        queue: jobOutbox.queue,
        createdAt: jobOutbox.createdAt,
      })
      .from(jobOutbox)
      .where(buildConditions(filters, position))
      .orderBy(desc(jobOutbox.createdAt), desc(jobOutbox.id))
      .limit(batchSize);
    let scannedInBatch = 0;
    for (const row of rows) {
      scanned += 1;
      scannedInBatch += 1;
      position = { createdAt: row.createdAt, id: row.id };
      const status = await getJobStatus(
        db,
        jobQueue,
        row.queue as QueueName,
        row.id,
      );
      if (status && (!filters.state || status.state === filters.state)) {
        jobs.push(status);
        if (jobs.length === page.limit) break;
      }
    }
    const exhausted = rows.length < batchSize && scannedInBatch === rows.length;
    if (exhausted) return { jobs, nextCursor: null };
  }
  return { jobs, nextCursor: position ? encodeCursor(position) : null };
}
