import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../server/queue/jobQueue.js';
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
import { waitFor } from '../support/waitFor.js';

describe('a job that reached both stores', () => {
  let database: TestDatabase;
  let tenant: Tenant;
  let jobQueue: JobQueue;
  const runs: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    jobQueue = new JobQueue({
      config: createTestConfig(),
      database: database.handle,
      databaseUrl: database.url,
      logger: createTestLogger(),
      processors: {
        emails: {
          'order-confirmation': async (data: { orderId: string }) => {
            runs.push(data.orderId);
          },
        },
      },
    });
    await jobQueue.start();
  });
  afterAll(async () => {
    await jobQueue.close();
    await database.drop();
  });

  it('runs only in the store its outbox row names', async () => {
    // A Redis add that timed out, after which the dispatcher handed the job
    // to PostgreSQL, and which then landed in Redis all the same.
    const order = await createTestOrder(database.handle.db, tenant);
    const data = { orderId: order.id, userId: tenant.staff.id };
    const [row] = (
      await database.handle.db.execute<{ id: string }>(sql`
        insert into job_outbox
          (queue, name, data, dedup_key, store, dispatched_at)
        values ('emails', 'order-confirmation', ${JSON.stringify(data)}::jsonb,
          ${`fence-${order.id}`}, 'postgres', now())
        returning id`)
    ).rows;
    const id = row!.id;

    await jobQueue.redisStore.add('emails', {
      id,
      name: 'order-confirmation',
      data,
    });
    const late = await waitFor(async () => {
      const job = await jobQueue.redisStore.getJob('emails', id);
      return job?.finishedOn ? job : undefined;
    });
    expect(late.returnvalue).toEqual({
      skipped: 'dispatched to another store',
    });
    expect(runs).toEqual([]);

    await jobQueue.postgresStore.add('emails', {
      id,
      name: 'order-confirmation',
      data,
    });
    await waitFor(() => runs.length === 1, {
      what: 'the owning store to run it',
    });
    expect(runs).toEqual([order.id]);
  });
});
