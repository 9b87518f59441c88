import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import type { JobStore } from '../jobStore.js';
import { createBullStore } from './bullStore.js';
import { createWorkerConnection } from './redisConnection.js';

/**
 * The primary store. Queues share the producer connection; each worker gets
 * its own patient connection (BullMQ duplicates it for blocking reads).
 */
export function createRedisStore(
  producer: Redis,
  redis: Config['redis'],
  prefix: string,
  lockDurationMs?: number,
): JobStore {
  const workerConnections: Redis[] = [];
  return createBullStore({
    name: 'redis',
    Queue: Queue as never,
    Worker: Worker as never,
    queueConnection: () => ({ connection: producer, prefix }),
    workerConnection: () => {
      const connection = createWorkerConnection(redis);
      connection.on('error', () => {});
      workerConnections.push(connection);
      return { connection, prefix };
    },
    closeConnections: async () => {
      for (const connection of workerConnections) connection.disconnect();
      workerConnections.length = 0;
    },
    lockDurationMs,
  });
}
