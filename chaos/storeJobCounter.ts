import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '../server/queue/config.js';
import type { JobCounts, JobStore } from '../server/queue/jobStore.js';
import { createPostgresStore } from '../server/queue/stores/postgresStore.js';
import { createProducerConnection } from '../server/queue/stores/redisConnection.js';
import { createRedisStore } from '../server/queue/stores/redisStore.js';
import { withTimeout } from '../server/queue/withTimeout.js';

const COUNT_TIMEOUT_MS = 3000;

/** Jobs per queue summed over both stores. */
export type CountsByQueue = Record<QueueName, JobCounts>;

/**
 * Reads both stores directly, as an operator's tool would: the counts do
 * not depend on any server process being up.
 */
export class StoreJobCounter {
  private readonly producer: Redis;
  private readonly stores: JobStore[];

  constructor(databaseUrl: string, redisUrl: string, prefix: string) {
    const redis = {
      url: redisUrl,
      host: '',
      port: 0,
      password: undefined,
      db: 0,
    };
    this.producer = createProducerConnection(redis);
    this.producer.on('error', () => {});
    this.stores = [
      createRedisStore(this.producer, redis, prefix),
      createPostgresStore(databaseUrl),
    ];
  }

  /** Undefined when a store cannot be read. */
  async count(): Promise<CountsByQueue | undefined> {
    try {
      const perStore = await withTimeout(
        Promise.all(
          this.stores.map((store) =>
            Promise.all(QUEUE_NAMES.map((queue) => store.getCounts(queue))),
          ),
        ),
        COUNT_TIMEOUT_MS,
      );
      const sums = {} as CountsByQueue;
      QUEUE_NAMES.forEach((queue, index) => {
        const sum = {
          waiting: 0,
          active: 0,
          completed: 0,
          failed: 0,
          delayed: 0,
        };
        for (const counts of perStore) {
          const one = counts[index]!;
          for (const state of Object.keys(sum) as (keyof JobCounts)[]) {
            sum[state] += one[state];
          }
        }
        sums[queue] = sum;
      });
      return sums;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.stores.map((store) => store.close()));
    this.producer.disconnect();
  }
}
