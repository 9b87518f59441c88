import type { JobStoreName } from '../db/schema.js';
import { toError } from '../errors/appError.js';
import type { Logger } from '../logger.js';
import { QUEUE_SETTINGS, type QueueName } from './config.js';
import {
  createJobRunner,
  type ActiveJobs,
  type FinalFailureHook,
  type JobRunnerOptions,
  type QueueProcessors,
} from './jobRunner.js';
import type { JobStore, StoreWorker } from './jobStore.js';
import { settleWithin } from './settleWithin.js';

/** Processors of every queue this process runs. */
export type ProcessorRegistry = Partial<Record<QueueName, QueueProcessors>>;

interface HostedWorker {
  store: JobStoreName;
  queue: QueueName;
  worker: StoreWorker;
  activeJobs: ActiveJobs;
}

/** Optional hooks that every job runner of a host gets. */
export type WorkerHooks = Pick<JobRunnerOptions, 'observer' | 'findDispatch'>;

/** One worker's state, for the health report. */
export interface WorkerStatus {
  store: JobStoreName;
  queue: QueueName;
  running: boolean;
  activeJobs: number;
}

const ERROR_LOG_INTERVAL_MS = 30_000;
/** A forced close or hand-back that a dead connection holds up is let go. */
const FORCED_CLOSE_WAIT_MS = 2000;

/**
 * Runs a worker for each queue on each store, with the same processors, and
 * stops them gracefully: active jobs may finish until the timeout, then any
 * still running go back to waiting so that another worker takes them.
 */
export class WorkerHost {
  private readonly hosted: HostedWorker[] = [];

  /**
   * @param isStoreUp - whether a store is believed reachable; a worker's
   *   connection errors are logged only then, since a store that is down
   *   has been reported once already by its health monitor.
   */
  constructor(
    private readonly registry: ProcessorRegistry,
    private readonly logger: Logger,
    private readonly isStoreUp: (store: JobStoreName) => boolean = () => true,
    /** Told of every job that failed for good, on either store. */
    private readonly onFinalFailure?: FinalFailureHook,
    private readonly hooks: WorkerHooks = {},
  ) {}

  /** Starts workers on `store` for every queue in the registry. */
  startOn(store: JobStore): void {
    for (const [queue, processors] of Object.entries(this.registry)) {
      if (!processors) continue;
      this.startWorker(store, queue as QueueName, processors);
    }
  }

  isRunningOn(store: JobStoreName): boolean {
    return this.hosted.some((hosted) => hosted.store === store);
  }

  status(): WorkerStatus[] {
    return this.hosted.map((hosted) => ({
      store: hosted.store,
      queue: hosted.queue,
      running: hosted.worker.isRunning(),
      activeJobs: hosted.activeJobs.size,
    }));
  }

  /**
   * Stops every worker. Workers of a store that is down cannot finish
   * anything, so they are stopped at once instead of waited for.
   */
  async close(
    timeoutMs: number,
    isStoreUp: (store: JobStoreName) => boolean = () => true,
  ): Promise<void> {
    const graceful = Promise.allSettled(
      this.hosted.map((hosted) =>
        isStoreUp(hosted.store)
          ? hosted.worker.close()
          : settleWithin(hosted.worker.close(true), FORCED_CLOSE_WAIT_MS),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) await this.handBackActiveJobs();
    this.hosted.length = 0;
  }

  private startWorker(
    store: JobStore,
    queue: QueueName,
    processors: QueueProcessors,
  ): void {
    const activeJobs: ActiveJobs = new Map();
    // The runner needs its worker (to pause it on a rate limit), and the
    // worker needs its runner: the holder breaks the cycle.
    const holder: { worker?: StoreWorker } = {};
    const runner = createJobRunner({
      queue,
      store: store.name,
      processors,
      logger: this.logger,
      activeJobs,
      worker: () => holder.worker,
      onFinalFailure: this.onFinalFailure,
      ...this.hooks,
    });
    const worker = store.createWorker(queue, runner, QUEUE_SETTINGS[queue]);
    holder.worker = worker;
    this.watch(worker, store.name, queue);
    this.hosted.push({ store: store.name, queue, worker, activeJobs });
  }

  private watch(worker: StoreWorker, store: JobStoreName, queue: QueueName) {
    let lastErrorAt = 0;
    worker.on('error', (error: Error) => {
      // A store that is down makes a worker report the same error many
      // times a second; one line per interval is enough.
      if (!this.isStoreUp(store)) return;
      if (Date.now() - lastErrorAt < ERROR_LOG_INTERVAL_MS) return;
      lastErrorAt = Date.now();
      this.logger.warn(
        { store, queue, err: error.message },
        'queue.worker.error',
      );
    });
    worker.on('stalled', (jobId: string) => {
      this.logger.warn({ store, queue, jobId }, 'job.stalled');
    });
  }

  private async handBackActiveJobs(): Promise<void> {
    const moves = this.hosted.flatMap((hosted) =>
      [...hosted.activeJobs.values()].map(async ({ job, token }) => {
        try {
          await job.moveToWait(token);
          this.logger.warn(
            { store: hosted.store, queue: hosted.queue, jobId: job.id },
            'job.handed_back',
          );
        } catch (error) {
          this.logger.warn(
            { jobId: job.id, err: toError(error) },
            'job.hand_back_failed',
          );
        }
      }),
    );
    await settleWithin(Promise.allSettled(moves), FORCED_CLOSE_WAIT_MS);
    await settleWithin(
      Promise.allSettled(
        this.hosted.map((hosted) => hosted.worker.close(true)),
      ),
      FORCED_CLOSE_WAIT_MS,
    );
  }
}
