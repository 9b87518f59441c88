import { UnrecoverableError, Worker, type Processor } from 'bullmq';
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
    const logger = options.logger.child({
      queue: options.queue,
      store: options.store,
      jobName: job.name,
      jobId: job.id,
      attempt,
      maxAttempts,
    });
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
    try {
      const result = await processor(parsed.data as never, context);
      logger.info(
        {
          durationMs: Date.now() - startedAt,
          queueTimeMs: startedAt - job.timestamp,
        },
        'job.completed',
      );
      return result;
    } catch (thrown) {
      throw await handleFailure(options, thrown, {
        logger,
        durationMs: Date.now() - startedAt,
        finalAttempt: attempt >= maxAttempts,
      });
    } finally {
      if (job.id) options.activeJobs.delete(job.id);
    }
  };
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
