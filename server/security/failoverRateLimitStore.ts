import type { Redis } from 'ioredis';
import {
  MemoryStore,
  type ClientRateLimitInfo,
  type Options,
  type Store,
} from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { Logger } from '../logger.js';
import { withTimeout } from '../queue/withTimeout.js';

/** Options of {@link FailoverRateLimitStore}. */
export interface FailoverRateLimitStoreOptions {
  /** The rate limiter's own connection; unset: this process counts alone. */
  redis?: Redis;
  /** Key prefix in Redis, e.g. `bull:rl:writes-token:`. */
  prefix: string;
  /** A Redis call slower than this counts in memory instead. */
  redisTimeoutMs: number;
  logger: Logger;
}

/**
 * Counts hits in Redis, so that every API process shares one count per
 * caller. When Redis is down or slow the hit is counted in this process's
 * memory instead (a PostgreSQL count would add a write to every request at
 * the moment the database already carries the job fallback): requests are
 * never held up or refused because Redis is away, and while it is away each
 * process applies the limit on its own, so N processes allow up to N times
 * the limit. Counts return to Redis when it answers again.
 */
export class FailoverRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #memory = new MemoryStore();
  #redisStore: RedisStore | undefined;
  #options: Options | undefined;
  #usingMemory = false;

  constructor(private readonly options: FailoverRateLimitStoreOptions) {
    this.prefix = options.prefix;
  }

  init(options: Options): void {
    this.#options = options;
    this.#memory.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const redisStore = this.#readyRedisStore();
    if (redisStore) {
      try {
        const info = await withTimeout(
          redisStore.increment(key),
          this.options.redisTimeoutMs,
        );
        this.#noteStore(false);
        return info;
      } catch (error) {
        this.#noteStore(true, error);
      }
    } else if (this.options.redis) {
      this.#noteStore(true);
    }
    return this.#memory.increment(key);
  }

  async decrement(key: string): Promise<void> {
    await this.#both((store) => store.decrement(key));
  }

  async resetKey(key: string): Promise<void> {
    await this.#both((store) => store.resetKey(key));
  }

  async #both(action: (store: Store) => unknown): Promise<void> {
    const redisStore = this.#readyRedisStore();
    const stores: Store[] = redisStore
      ? [this.#memory, redisStore]
      : [this.#memory];
    await Promise.allSettled(
      stores.map((store) =>
        withTimeout(
          Promise.resolve(action(store)),
          this.options.redisTimeoutMs,
        ),
      ),
    );
  }

  /** The Redis store, created once the connection first becomes ready. */
  #readyRedisStore(): RedisStore | undefined {
    const { redis } = this.options;
    if (!redis || redis.status !== 'ready' || !this.#options) return undefined;
    if (!this.#redisStore) {
      const store = new RedisStore({
        prefix: this.prefix,
        sendCommand: (command: string, ...args: string[]) =>
          redis.call(command, ...args) as never,
      });
      // The store loads its scripts at once; a failure there is retried on
      // the first increment, and must not surface as an unhandled rejection.
      store.incrementScriptSha.catch(() => undefined);
      store.getScriptSha.catch(() => undefined);
      store.init(this.#options);
      this.#redisStore = store;
    }
    return this.#redisStore;
  }

  #noteStore(usingMemory: boolean, error?: unknown): void {
    if (usingMemory === this.#usingMemory) return;
    this.#usingMemory = usingMemory;
    if (usingMemory) {
      const reason = error instanceof Error ? error.message : 'not connected';
      this.options.logger.warn(
        { prefix: this.prefix, reason },
        'rate_limit.counting_in_memory',
      );
    } else {
      this.options.logger.info(
        { prefix: this.prefix },
        'rate_limit.counting_in_redis',
      );
    }
  }
}
