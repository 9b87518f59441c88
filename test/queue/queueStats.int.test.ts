import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../server/queue/jobQueue.js';
import { collectQueueStats } from '../../server/queue/queueStats.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import { createTestConfig } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';

describe('collectQueueStats', () => {
  let database: TestDatabase;
  let tenant: Tenant;
  let jobQueue: JobQueue;
  let clockMs = 0;
  const now = () => clockMs;

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    jobQueue = new JobQueue({
      config: createTestConfig(),
      database: database.handle,
      databaseUrl: database.url,
      logger: createTestLogger(),
    });
    await jobQueue.start();
  });
  afterAll(async () => {
    await jobQueue.close();
    await database.drop();
  });

  async function addConfirmation() {
    const order = await createTestOrder(database.handle.db, tenant);
    await jobQueue.enqueue('emails', 'order-confirmation', {
      orderId: order.id,
      userId: tenant.staff.id,
    });
    await jobQueue.flushOutbox();
  }

  it('shares one reading within its age and reads again after', async () => {
    const first = await collectQueueStats(jobQueue, { now });
    await addConfirmation();

    clockMs += 500;
    const shared = await collectQueueStats(jobQueue, { now });
    clockMs += 600;
    const fresh = await collectQueueStats(jobQueue, { now });

    expect(shared).toBe(first);
    expect(fresh.email).toMatchObject({ waiting: 1 });
    expect(fresh.stores.redis?.email).toMatchObject({ waiting: 1 });
    expect(fresh.store).toBe('redis');
  });
});
