import {
  RateLimitError,
  UnrecoverableError,
  Worker,
  type Processor,
} from 'bullmq';
import { AppError, toError } from '../errors/appError.js';
import { RetryLaterError } from '../errors/retryLaterError.js';
import type { Logger } from '../logger.js';
import type { JobContext, JobProcessor } from '../workers/jobProcessor.js';
import { DEFAULT_JOB_OPTIONS, type QueueName } from './config.js';
import { findJobSchema } from './jobDefinitions.js';
import type { StoreJob, StoreWorker } from './jobStore.js';

/** The processors of one queue, by job name. */
export type QueueProcessors = Readonly<
  Record<string, JobProcessor<never, unknown>>
>;

/** One finished attempt, as metrics see it. */
export interface JobAttemptOutcome {
  queue: QueueName;
  store: string;
  jobName: string;
  outcome: 'completed' | 'failed';
  /** True when no further attempt follows (only for `failed`). */
  final: boolean;
  durationMs: number;
}

/** Watches job attempts without changing them (metrics). */
export interface JobObserver {
  onAttemptFinished(outcome: JobAttemptOutcome): void;
}

/** A job that failed and will not run again. */
export interface FinalJobFailure {
  queue: QueueName;
  jobName: string;
  jobId: string;
  error: Error;
}

/**
 * Told once per job that failed for good, on either store. It runs inside
 * the worker, so it should be quick; its errors are logged, never rethrown.
 */
export type FinalFailureHook = (failure: FinalJobFailure) => Promise<void>;

/** Jobs a worker is running now, with the lock token that owns each. */
export type ActiveJobs = Map<string, { job: StoreJob; token: string }>;

export interface JobRunnerOptions {
  queue: QueueName;
  store: string;
  processors: QueueProcessors;
  logger: Logger;
  activeJobs: ActiveJobs;
  /** The worker that runs this processor, once it exists. */
  worker: () => StoreWorker | undefined;
  observer?: JobObserver;
  /**
   * Reads the job's outbox row: the request that added it (for its log
   * lines) and the store it was dispatched to.
   */
  findDispatch?: (jobId: string) => Promise<JobDispatch | undefined>;
  onFinalFailure?: FinalFailureHook;
}

/** Where the outbox sent a job, and on whose behalf. */
export interface JobDispatch {
  store: string | null;
  requestId: string | null;
}

function describeIssues(issues: { path: PropertyKey[]; message: string }[]) {
  return issues
    .map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`)
    .join('; ');
}

/** A retry cannot fix bad data, a missing record or a provider's refusal. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof UnrecoverableError ||
    (error instanceof AppError && !error.retryable)
  );
}

/**
 * Wraps a queue's processors into one BullMQ processor: validates the data
 * against its schema, gives the processor a job-scoped logger, logs the
 * lifecycle once, and turns permanent failures into UnrecoverableError so
 * that BullMQ spends no further attempts on them.
 */
export function createJobRunner(options: JobRunnerOptions): Processor {
  return async (job: StoreJob, token?: string) => {
    const maxAttempts = job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
    const attempt = job.attemptsMade + 1;
    const dispatch = job.id
      ? await options.findDispatch?.(job.id).catch(() => undefined)
      : undefined;
    const requestId = dispatch?.requestId;
    const logger = options.logger.child({
      queue: options.queue,
      store: options.store,
      jobName: job.name,
      jobId: job.id,
      attempt,
      maxAttempts,
      ...(requestId ? { requestId } : {}),
    });
    // An add to Redis that timed out may land after the dispatcher gave the
    // job to PostgreSQL: the outbox row names the store that owns the job,
    // and the copy in the other store completes without running.
    if (dispatch?.store && dispatch.store !== options.store) {
      logger.warn({ ownerStore: dispatch.store }, 'job.skipped_other_store');
      return { skipped: 'dispatched to another store' };
    }
    const processor = options.processors[job.name];
    const schema = findJobSchema(options.queue, job.name);
    if (!processor || !schema) {
      logger.error('job.unknown_name');
      throw new UnrecoverableError(
        `No processor for job "${job.name}" in queue "${options.queue}"`,
      );
    }
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      logger.error('job.invalid_data');
      throw new UnrecoverableError(
        `Invalid job data: ${describeIssues(parsed.error.issues)}`,
      );
    }

    const context: JobContext = {
      jobId: String(job.id),
      jobName: job.name,
      attempt,
      maxAttempts,
      logger,
      reportProgress: (progress) => job.updateProgress(progress),
    };
    const startedAt = Date.now();
    if (job.id && token) options.activeJobs.set(job.id, { job, token });
    logger.debug('job.started');
    const observe = (outcome: 'completed' | 'failed', final: boolean) =>
      options.observer?.onAttemptFinished({
        queue: options.queue,
        store: options.store,
        jobName: job.name,
        outcome,
        final,
        durationMs: Date.now() - startedAt,
      });
    try {
      const result = await processor(parsed.data as never, context);
      logger.info(
        {
          durationMs: Date.now() - startedAt,
          queueTimeMs: startedAt - job.timestamp,
        },
        'job.completed',
      );
      observe('completed', true);
      return result;
    } catch (thrown) {
      const failure = await handleFailure(options, thrown, {
        logger,
        durationMs: Date.now() - startedAt,
        finalAttempt: attempt >= maxAttempts,
      });
      if (!isRateLimitHandBack(failure)) {
        const final =
          failure instanceof UnrecoverableError || attempt >= maxAttempts;
        observe('failed', final);
      }
      const failedForGood =
        !(failure instanceof RateLimitError) &&
        (failure instanceof UnrecoverableError || attempt >= maxAttempts);
      if (failedForGood)
        await reportFinalFailure(options, job, failure, logger);
      throw failure;
    } finally {
      if (job.id) options.activeJobs.delete(job.id);
    }
  };
}

/** A job handed back after a provider's rate limit has not failed. */
function isRateLimitHandBack(error: Error): boolean {
  return error instanceof RateLimitError;
}

async function handleFailure(
  options: JobRunnerOptions,
  thrown: unknown,
  context: { logger: Logger; durationMs: number; finalAttempt: boolean },
): Promise<Error> {
  const error = toError(thrown);
  const { logger, durationMs } = context;

  // A provider's rate limit is not the job's fault: pause the queue for the
  // time asked, and hand the job back without spending an attempt.
  const worker = options.worker();
  if (error instanceof RetryLaterError && worker) {
    await worker.rateLimit(error.retryAfterMs);
    logger.warn({ retryAfterMs: error.retryAfterMs }, 'job.rate_limited');
    return Worker.RateLimitError();
  }

  const permanent = isPermanent(error);
  const final = permanent || context.finalAttempt;
  logger[final ? 'error' : 'warn'](
    { err: error, durationMs, willRetry: !final },
    'job.failed',
  );
  if (permanent && !(error instanceof UnrecoverableError)) {
    return new UnrecoverableError(error.message);
  }
  return error;
}

async function reportFinalFailure(
  options: JobRunnerOptions,
  job: StoreJob,
  error: Error,
  logger: Logger,
): Promise<void> {
  if (!options.onFinalFailure || !job.id) return;
  try {
    await options.onFinalFailure({
      queue: options.queue,
      jobName: job.name,
      jobId: job.id,
      error,
    });
  } catch (hookError) {
    logger.warn({ err: toError(hookError) }, 'job.final_failure_hook_failed');
  }
}
