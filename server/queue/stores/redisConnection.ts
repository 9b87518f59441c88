import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../../config.js';

const MAX_RECONNECT_DELAY_MS = 5000;

/** Reconnects forever, waiting longer each time, up to five seconds. */
function reconnectDelayMs(attempt: number): number {
  return Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS);
}

function baseOptions(redis: Config['redis']): RedisOptions {
  const fromUrl = redis.url ? new URL(redis.url) : undefined;
  return {
    host: fromUrl?.hostname ?? redis.host,
    port: fromUrl?.port ? Number(fromUrl.port) : redis.port,
    username: fromUrl?.username || undefined,
    password: fromUrl?.password
      ? decodeURIComponent(fromUrl.password)
      : redis.password,
    db:
      fromUrl && fromUrl.pathname.length > 1
        ? Number(fromUrl.pathname.slice(1))
        : redis.db,
    tls: fromUrl?.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 2000,
    retryStrategy: reconnectDelayMs,
  };
}

/**
 * A producer connection fails fast: with Redis away, a command errors at
 * once instead of waiting in an offline queue, and the dispatcher turns to
 * PostgreSQL.
 */
export function createProducerConnection(redis: Config['redis']): Redis {
  return new Redis({
    ...baseOptions(redis),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
}

/**
 * A worker connection waits as long as it takes, as BullMQ's blocking
 * commands require.
 */
export function createWorkerConnection(redis: Config['redis']): Redis {
  return new Redis({ ...baseOptions(redis), maxRetriesPerRequest: null });
}

/** Where the store lives, for logs: never the password. */
export function describeRedisTarget(redis: Config['redis']): string {
  const options = baseOptions(redis);
  return `${options.host}:${options.port}/${options.db}`;
}
