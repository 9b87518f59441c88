import { createPostgresBackend, withBackend } from 'bullmq';
import pg from 'pg';
import { BULLMQ_SCHEMA } from '../../db/migrate.js';
import type { JobStore } from '../jobStore.js';
import { createBullStore } from './bullStore.js';

const { Queue, Worker } = withBackend(createPostgresBackend);

/** Connections each worker may use besides its own LISTEN connection. */
const WORKER_POOL_SIZE = 3;

/**
 * The fallback store: BullMQ's PostgreSQL backend in the application's own
 * database (schema `bullmq`, migrated at start-up). Producer queues share
 * one small pool; each worker owns a pool and a LISTEN connection.
 */
export function createPostgresStore(
  databaseUrl: string,
  lockDurationMs?: number,
): JobStore {
  const producerPool = new pg.Pool({
    connectionString: databaseUrl,
    max: 6,
    options: `-c search_path=${BULLMQ_SCHEMA}`,
  });
  producerPool.on('error', () => {});
  // Checked-out clients report a dropped connection on themselves.
  producerPool.on('connect', (client) => client.on('error', () => {}));

  return createBullStore({
    name: 'postgres',
    Queue: Queue as never,
    Worker: Worker as never,
    queueConnection: () => ({ connection: producerPool }),
    workerConnection: () => ({
      connection: {
        connectionString: databaseUrl,
        schema: BULLMQ_SCHEMA,
        max: WORKER_POOL_SIZE,
        keepAlive: true,
      },
    }),
    closeConnections: () => producerPool.end(),
    lockDurationMs,
  });
}
