import type { Logger } from '../logger.js';

/** What a processor knows about the job it runs, besides its data. */
export interface JobContext {
  jobId: string;
  jobName: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Scoped to this job: queue, job name, job id and attempt are set. */
  logger: Logger;
  /** Progress seen by `GET /api/jobs/:queue/:id` and the dashboard. */
  reportProgress(progress: number | Record<string, unknown>): Promise<void>;
}

/**
 * The code that does one kind of job. It receives data that already passed
 * its schema. To give up at once it throws an AppError that is not
 * retryable; anything else it throws is retried with backoff.
 */
export type JobProcessor<Data, Result = unknown> = (
  data: Data,
  context: JobContext,
) => Promise<Result>;
