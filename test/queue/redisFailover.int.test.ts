import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../server/queue/jobQueue.js';
import { getJobStatus } from '../../server/queue/jobStatus.js';
import type { ProcessorRegistry } from '../../server/queue/workerHost.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import {
  startRedisServer,
  type RedisServerHandle,
} from '../support/redisServer.js';
import { createTestConfig } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';

const ORDERS_PER_PHASE = 8;

describe('JobQueue when Redis dies and comes back', () => {
  let database: TestDatabase;
  let tenant: Tenant;
  let redisDir: string;
  let redis: RedisServerHandle;
  let jobQueue: JobQueue;
  const runs = new Map<string, number>();

  const processors: ProcessorRegistry = {
    emails: {
      'order-confirmation': async (data: { orderId: string }) => {
        runs.set(data.orderId, (runs.get(data.orderId) ?? 0) + 1);
      },
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    redisDir = await mkdtemp(path.join(os.tmpdir(), 'il-redis-'));
    redis = await startRedisServer({ dataDir: redisDir });
    jobQueue = new JobQueue({
      config: createTestConfig({ REDIS_URL: redis.url }),
      database: database.handle,
      databaseUrl: database.url,
      logger: createTestLogger(),
      processors,
    });
    await jobQueue.start();
  });
  afterAll(async () => {
    await jobQueue.close();
    await redis.stop();
    await rm(redisDir, { recursive: true, force: true });
    await database.drop();
  });

  async function placeOrders(count: number) {
    const ids: { orderId: string; jobId: string }[] = [];
    for (let index = 0; index < count; index += 1) {
      const order = await createTestOrder(database.handle.db, tenant);
      const jobId = await database.handle.db.transaction(async (tx) => {
        const result = await jobQueue.enqueue(
          'emails',
          'order-confirmation',
          { orderId: order.id, userId: tenant.staff.id },
          { tx },
        );
        return result.id;
      });
      ids.push({ orderId: order.id, jobId });
    }
    return ids;
  }

  it('runs every job exactly once across the outage', async () => {
    const before = await placeOrders(ORDERS_PER_PHASE);
    redis.process.kill('SIGKILL');
    await waitFor(() => !jobQueue.redisHealth.isUp(), { what: 'Redis down' });
    const during = await placeOrders(ORDERS_PER_PHASE);
    redis = await startRedisServer({ port: redis.port, dataDir: redisDir });
    await waitFor(() => jobQueue.redisHealth.isUp(), { what: 'Redis up' });
    const after = await placeOrders(ORDERS_PER_PHASE);
    const all = [...before, ...during, ...after];

    await waitFor(() => all.every(({ orderId }) => runs.get(orderId) === 1), {
      timeoutMs: 60_000,
      what: 'every job to run',
    });
    const states = await Promise.all(
      all.map(({ jobId }) =>
        getJobStatus(database.handle.db, jobQueue, 'emails', jobId),
      ),
    );
    expect(states.map((status) => status?.state)).toEqual(
      all.map(() => 'completed'),
    );
    expect(new Set(states.map((status) => status?.store))).toEqual(
      new Set(['redis', 'postgres']),
    );
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(jobQueue.redisHealth.snapshot().failovers).toBeGreaterThanOrEqual(1);
  });

  it('dispatches rows a crashed process left in the outbox', async () => {
    const order = await createTestOrder(database.handle.db, tenant);
    // A row committed by a process that died before dispatching it.
    await database.handle.db.execute(sql`
      insert into job_outbox (id, queue, name, data, dedup_key, company_id)
      values (gen_random_uuid(), 'emails', 'order-confirmation',
        ${JSON.stringify({ orderId: order.id, userId: tenant.staff.id })}::jsonb,
        ${`crash-${order.id}`}, ${tenant.company.id})`);

    await waitFor(() => runs.get(order.id) === 1, { what: 'the swept job' });
    const pending = await database.handle.db.execute(
      sql`select count(*)::int as count from job_outbox where dispatched_at is null`,
    );
    expect(pending.rows[0]).toEqual({ count: 0 });
  });
});
