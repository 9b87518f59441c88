import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Database, DatabaseHandle, Executor } from '../db/client.js';
import { jobOutbox, type JobStoreName } from '../db/schema.js';
import {
  ValidationError,
  validationErrorFromZod,
} from '../errors/validationError.js';
import type { Logger } from '../logger.js';
import { currentRequestContext } from '../requestContext.js';
import { canonicalJson } from './canonicalJson.js';
import { type QueueName } from './config.js';
import { OutboxDispatcher } from './dispatcher.js';
import { findJobSchema } from './jobDefinitions.js';
import type { JobStore } from './jobStore.js';
import { findJobTenantSource, resolveJobCompanyId } from './jobTenant.js';
import {
  claimAndInsertOutboxJob,
  claimDedupKey,
  insertOutboxJob,
} from './outbox.js';
import { RedisHealth } from './redisHealth.js';
import { createPostgresStore } from './stores/postgresStore.js';
import {
  createProducerConnection,
  describeRedisTarget,
} from './stores/redisConnection.js';
import { createRedisStore } from './stores/redisStore.js';
import { settleWithin } from './settleWithin.js';
import type {
  FinalFailureHook,
  JobDispatch,
  JobObserver,
} from './jobRunner.js';
import { WorkerHost, type ProcessorRegistry } from './workerHost.js';

const STORE_CLOSE_WAIT_MS = 3000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options of one enqueue call. */
export interface EnqueueOptions {
  /** Join the caller's transaction: the job exists only if it commits. */
  tx?: Executor;
  /** Overrides the default key (queue, job name and data). */
  dedupKey?: string;
  /** Runs inside the same transaction, before the outbox row is written. */
  beforeInsert?: (executor: Executor, jobId: string) => Promise<void>;
}

export interface EnqueueResult {
  /** The outbox row id, which is also the job id in either store. */
  id: string;
  /** True when the same logical job was already added within the window. */
  deduplicated: boolean;
}

export interface JobQueueOptions {
  config: Config;
  database: DatabaseHandle;
  databaseUrl: string;
  logger: Logger;
  /** Processors to run here; omit to run no workers in this process. */
  processors?: ProcessorRegistry;
  /** Told of every job this process's workers fail for good. */
  onFinalFailure?: FinalFailureHook;
  /** Sees every finished attempt (metrics). */
  jobObserver?: JobObserver;
}

/**
 * The queue layer as the rest of the server sees it: jobs go in through
 * the outbox, and come out of whichever store the dispatcher chose.
 */
export class JobQueue {
  readonly postgresStore: JobStore;
  readonly redisStore: JobStore;
  readonly redisHealth: RedisHealth;
  readonly workers: WorkerHost | undefined;
  private readonly producer: Redis;
  private readonly dispatcher: OutboxDispatcher;
  private readonly db: Database;
  private readonly logger: Logger;

  constructor(private readonly options: JobQueueOptions) {
    const { config, database, logger } = options;
    this.db = database.db;
    this.logger = logger.child({ component: 'queue' });
    this.postgresStore = createPostgresStore(
      options.databaseUrl,
      config.queue.lockDurationMs,
    );
    this.producer = createProducerConnection(config.redis);
    this.producer.on('error', () => {});
    this.redisStore = createRedisStore(
      this.producer,
      config.redis,
      config.queue.prefix,
      config.queue.lockDurationMs,
    );
    this.redisHealth = new RedisHealth(this.producer, this.logger);
    this.workers = options.processors
      ? new WorkerHost(
          options.processors,
          this.logger,
          (store) => (store === 'postgres' ? true : this.redisHealth.isUp()),
          options.onFinalFailure,
          {
            observer: options.jobObserver,
            findDispatch: (jobId) => this.findDispatch(jobId),
          },
        )
      : undefined;
    this.dispatcher = new OutboxDispatcher({
      pool: database.pool,
      logger: this.logger,
      postgresStore: this.postgresStore,
      redisStore: this.redisStore,
      redisHealth: this.redisHealth,
      redisAddTimeoutMs: config.queue.redisAddTimeoutMs,
      sweepIntervalMs: config.queue.outboxSweepIntervalMs,
    });
  }

  async start(): Promise<void> {
    const redisUp = await this.redisHealth.start();
    if (!redisUp) {
      this.logger.warn(
        { redis: describeRedisTarget(this.options.config.redis) },
        'queue.store.postgres_only',
      );
    }
    if (this.workers) {
      this.workers.startOn(this.postgresStore);
      this.workers.startOn(this.redisStore);
    }
    await this.dispatcher.start();
  }

  /** The store new jobs go to now. */
  currentStore(): JobStoreName {
    return this.redisHealth.isUp() ? 'redis' : 'postgres';
  }

  store(name: JobStoreName): JobStore {
    return name === 'redis' ? this.redisStore : this.postgresStore;
  }

  /**
   * Validates the data with the job's schema and writes the outbox row.
   * Without a transaction the row commits at once and is dispatched
   * straight away; with one, it is dispatched when that transaction commits.
   */
  async enqueue(
    queue: QueueName,
    name: string,
    data: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    const schema = findJobSchema(queue, name);
    if (!schema) {
      throw new ValidationError([
        { path: 'name', message: `queue "${queue}" has no job "${name}"` },
      ]);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw validationErrorFromZod(parsed.error.issues);
    }
    const valid = parsed.data as Record<string, unknown>;
    const dedupKey =
      options.dedupKey ?? `${queue}:${name}:${canonicalJson(valid)}`;

    const write = async (executor: Executor): Promise<EnqueueResult> => {
      const id = randomUUID();
      const holder = await claimDedupKey(executor, dedupKey, id);
      if (holder) return { id: holder, deduplicated: true };
      await options.beforeInsert?.(executor, id);
      await insertOutboxJob(executor, {
        id,
        queue,
        name,
        data: valid,
        dedupKey,
        companyId: await resolveJobCompanyId(executor, valid),
        requestId: currentRequestContext()?.requestId ?? null,
      });
      return { id, deduplicated: false };
    };

    const writeAtOnce = async (executor: Executor): Promise<EnqueueResult> => {
      const id = randomUUID();
      const holder = await claimAndInsertOutboxJob(executor, {
        id,
        queue,
        name,
        data: valid,
        dedupKey,
        tenant: findJobTenantSource(valid),
        requestId: currentRequestContext()?.requestId ?? null,
      });
      return holder
        ? { id: holder, deduplicated: true }
        : { id, deduplicated: false };
    };

    // Without a hook the whole write is one statement, atomic on its own:
    // no transaction of its own is needed (docs/BENCHMARKS.md, scenario 1).
    if (!options.beforeInsert) {
      const result = await writeAtOnce(options.tx ?? this.db);
      if (!options.tx && !result.deduplicated) this.dispatcher.wake(result.id);
      return result;
    }
    if (options.tx) return write(options.tx);
    const result = await this.db.transaction(write);
    if (!result.deduplicated) this.dispatcher.wake(result.id);
    return result;
  }

  /** The store a job was dispatched to and the request that added it. */
  private async findDispatch(jobId: string): Promise<JobDispatch | undefined> {
    // Scheduler runs have ids of their own, not outbox ids.
    if (!UUID.test(jobId)) return undefined;
    const [row] = await this.db
      .select({ store: jobOutbox.store, requestId: jobOutbox.requestId })
      .from(jobOutbox)
      .where(eq(jobOutbox.id, jobId));
    return row;
  }

  /** Dispatches whatever is pending now; tests and shutdown use it. */
  flushOutbox(): Promise<number> {
    return this.dispatcher.sweep();
  }

  async close(): Promise<void> {
    await this.dispatcher.stop();
    await this.workers?.close(
      this.options.config.shutdownTimeoutMs,
      (store) => store === 'postgres' || this.redisHealth.isUp(),
    );
    this.redisHealth.stop();
    await settleWithin(
      Promise.allSettled([this.postgresStore.close(), this.redisStore.close()]),
      STORE_CLOSE_WAIT_MS,
    );
    this.producer.disconnect();
  }
}
