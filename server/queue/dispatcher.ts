import type pg from 'pg';
import type { JobStoreName } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { toError } from '../errors/appError.js';
import type { JobStore } from './jobStore.js';
import {
  lockPendingJobs,
  OUTBOX_CHANNEL,
  recordDispatch,
  type PendingOutboxJob,
} from './outbox.js';
import type { RedisHealth } from './redisHealth.js';
import { withTimeout } from './withTimeout.js';

const BATCH_SIZE = 100;
const LISTEN_RETRY_DELAY_MS = 1000;

/** What the dispatcher needs: the database, the stores, and Redis health. */
export interface DispatcherOptions {
  pool: pg.Pool;
  logger: Logger;
  postgresStore: JobStore;
  redisStore?: JobStore;
  redisHealth?: RedisHealth;
  redisAddTimeoutMs: number;
  sweepIntervalMs: number;
}

/**
 * Moves committed outbox rows into a store. A row announces itself through
 * NOTIFY on commit (the fast path); a sweep picks up whatever was left
 * behind. Rows are locked with SKIP LOCKED, so many processes can dispatch
 * together without handing a row to a store twice.
 */
export class OutboxDispatcher {
  private listener: pg.PoolClient | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly wanted = new Set<string>();
  private flushScheduled = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DispatcherOptions) {}

  async start(): Promise<void> {
    await this.listen();
    this.sweepTimer = setInterval(
      () => void this.sweep(),
      this.options.sweepIntervalMs,
    );
    this.sweepTimer.unref();
    await this.sweep();
  }

  /** Dispatches this row soon, without waiting for its notification. */
  wake(id: string): void {
    this.wanted.add(id);
    if (this.flushScheduled || this.stopped) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const ids = [...this.wanted];
      this.wanted.clear();
      this.track(this.dispatch(ids));
    });
  }

  /** Dispatches every pending row, batch after batch. */
  async sweep(): Promise<number> {
    let total = 0;
    while (!this.stopped) {
      const count = await this.track(this.dispatch());
      total += count;
      if (count < BATCH_SIZE) break;
    }
    return total;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    await this.running.catch(() => {});
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      await listener.query(`unlisten ${OUTBOX_CHANNEL}`).catch(() => {});
      listener.release();
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.catch(() => {});
    this.running = Promise.all([this.running, settled]);
    return work;
  }

  private async dispatch(ids?: string[]): Promise<number> {
    if (this.stopped) return 0;
    let client: pg.PoolClient;
    try {
      client = await this.options.pool.connect();
    } catch (error) {
      this.options.logger.warn(
        { err: toError(error) },
        'outbox.dispatch_skipped',
      );
      return 0;
    }
    // A checked-out client reports a dropped connection on itself, not on
    // the pool; while the batch waits on the stores nobody else listens, and
    // an unheard 'error' would end the process. The transaction then fails,
    // its rows stay pending, and the broken client is discarded.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    try {
      await client.query('begin');
      const jobs = await lockPendingJobs(client, BATCH_SIZE, ids);
      const outcomes = await Promise.all(jobs.map((job) => this.place(job)));
      await recordDispatch(client, outcomes);
      await client.query('commit');
      return jobs.length;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      this.options.logger.error(
        { err: toError(error) },
        'outbox.dispatch_failed',
      );
      return 0;
    } finally {
      client.off('error', onLost);
      client.release(lost);
    }
  }

  /** Redis while it is healthy; PostgreSQL when it is not or an add fails. */
  private async place(
    job: PendingOutboxJob,
  ): Promise<{ id: string; store?: JobStoreName; error?: string }> {
    const { redisStore, redisHealth, postgresStore, redisAddTimeoutMs } =
      this.options;
    const entry = { id: job.id, name: job.name, data: job.data };

    if (redisStore && redisHealth?.isUp()) {
      try {
        await withTimeout(redisStore.add(job.queue, entry), redisAddTimeoutMs);
        return { id: job.id, store: 'redis' };
      } catch (error) {
        redisHealth.reportFailure(toError(error));
      }
    }
    try {
      await postgresStore.add(job.queue, entry);
      return { id: job.id, store: 'postgres' };
    } catch (error) {
      const message = toError(error).message;
      this.options.logger.error(
        { jobId: job.id, queue: job.queue, err: message },
        'outbox.no_store_accepted',
      );
      return { id: job.id, error: message };
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.options.pool.connect();
      client.on('notification', (message) => {
        if (message.payload) this.wake(message.payload);
      });
      client.on('error', () => this.relisten(client));
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.options.logger.warn({ err: toError(error) }, 'outbox.listen_failed');
      setTimeout(() => void this.listen(), LISTEN_RETRY_DELAY_MS).unref();
    }
  }

  // A dropped LISTEN connection hears nothing more; the sweep covers the
  // gap until a new one listens.
  private relisten(client: pg.PoolClient): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    client.release(true);
    setTimeout(() => void this.listen(), LISTEN_RETRY_DELAY_MS).unref();
  }
}
