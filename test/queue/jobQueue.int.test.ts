import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox } from '../../server/db/schema.js';
import { JobQueue } from '../../server/queue/jobQueue.js';
import type { ProcessorRegistry } from '../../server/queue/workerHost.js';
import { getJobStatus } from '../../server/queue/jobStatus.js';
import { ValidationError } from '../../server/errors/validationError.js';
import { createTestConfig } from '../support/testConfig.js';
import { TEST_STORES } from '../support/testStores.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import { waitFor } from '../support/waitFor.js';

describe.each(TEST_STORES)('JobQueue on the $store store', ({ store, env }) => {
  let database: TestDatabase;
  let tenant: Tenant;
  let jobQueue: JobQueue | undefined;
  const seen: string[] = [];

  const processors: ProcessorRegistry = {
    emails: {
      'order-confirmation': async (data: { orderId: string }) => {
        seen.push(data.orderId);
        return { sent: true };
      },
    },
  };

  async function startQueue(registry = processors) {
    const config = createTestConfig(env);
    jobQueue = new JobQueue({
      config,
      database: database.handle,
      databaseUrl: database.url,
      logger: createTestLogger(),
      processors: registry,
    });
    await jobQueue.start();
    return jobQueue;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
  });
  afterEach(async () => {
    await jobQueue?.close();
    jobQueue = undefined;
    seen.length = 0;
  });
  afterAll(() => database.drop());

  it('runs a job on the expected store and reports it completed', async () => {
    const queue = await startQueue();
    const order = await createTestOrder(database.handle.db, tenant);
    const { id } = await queue.enqueue('emails', 'order-confirmation', {
      orderId: order.id,
      userId: tenant.staff.id,
    });

    const status = await waitFor(async () => {
      const current = await getJobStatus(
        database.handle.db,
        queue,
        'emails',
        id,
      );
      return current?.state === 'completed' && current;
    });
    expect(status.store).toBe(store);
    expect(status.companyId).toBe(tenant.company.id);
    expect(status.result).toEqual({ sent: true });
    expect(seen).toEqual([order.id]);
  });

  it('adds the same logical job once within the window', async () => {
    const queue = await startQueue();
    const order = await createTestOrder(database.handle.db, tenant);
    const data = { orderId: order.id, userId: tenant.staff.id };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        queue.enqueue('emails', 'order-confirmation', data),
      ),
    );

    const ids = new Set(results.map((result) => result.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => !result.deduplicated)).toHaveLength(1);
    await waitFor(() => seen.length === 1);
  });

  it('adds it again once the window has passed', async () => {
    const queue = await startQueue();
    const order = await createTestOrder(database.handle.db, tenant);
    const data = { orderId: order.id, userId: tenant.staff.id };
    const first = await queue.enqueue('emails', 'order-confirmation', data);
    await database.handle.db.execute(
      sql`update job_dedup_keys set expires_at = now() - interval '1 second'`,
    );
    const second = await queue.enqueue('emails', 'order-confirmation', data);

    expect(second.id).not.toBe(first.id);
    await waitFor(() => seen.length === 2, { what: 'both runs' });
  });

  it('leaves no job when the caller rolls back', async () => {
    const queue = await startQueue();
    const order = await createTestOrder(database.handle.db, tenant);
    let jobId = '';
    await expect(
      database.handle.db.transaction(async (tx) => {
        ({ id: jobId } = await queue.enqueue(
          'emails',
          'order-confirmation',
          { orderId: order.id, userId: tenant.staff.id },
          { tx },
        ));
        throw new Error('order rejected');
      }),
    ).rejects.toThrow('order rejected');

    await queue.flushOutbox();
    const rows = await database.handle.db
      .select()
      .from(jobOutbox)
      .where(sql`${jobOutbox.id} = ${jobId}`);
    expect(rows).toHaveLength(0);
    expect(seen).toEqual([]);
  });

  it('refuses data that does not match the job schema', async () => {
    const queue = await startQueue();
    await expect(
      queue.enqueue('emails', 'order-confirmation', { orderId: 'nope' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
