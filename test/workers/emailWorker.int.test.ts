import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmailWorkerProcessors } from '../../server/workers/emailWorker.js';
import { JobQueue } from '../../server/queue/jobQueue.js';
import { getJobStatus } from '../../server/queue/jobStatus.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import { startFakeResend, type FakeResend } from '../support/fakeResend.js';
import { createTestConfig } from '../support/testConfig.js';
import { TEST_STORES } from '../support/testStores.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';

describe.each(TEST_STORES)('email worker on the $store store', ({ env }) => {
  let database: TestDatabase;
  let resend: FakeResend;
  let tenant: Tenant;
  let jobQueue: JobQueue;

  beforeAll(async () => {
    database = await createTestDatabase();
    resend = await startFakeResend();
    tenant = await seedTenant(database.handle.db);
    const config = createTestConfig({
      ...env,
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: resend.baseUrl,
    });
    const logger = createTestLogger();
    jobQueue = new JobQueue({
      config,
      database: database.handle,
      databaseUrl: database.url,
      logger,
      processors: {
        emails: createEmailWorkerProcessors(config, database.handle.db, logger),
      },
    });
    await jobQueue.start();
  });
  afterEach(() => resend.reset());
  afterAll(async () => {
    await jobQueue.close();
    await resend.close();
    await database.drop();
  });

  async function sendConfirmation() {
    const order = await createTestOrder(database.handle.db, tenant);
    const { id } = await jobQueue.enqueue('emails', 'order-confirmation', {
      orderId: order.id,
      userId: tenant.staff.id,
    });
    return { id, order };
  }

  const settled = (id: string) =>
    waitFor(
      async () => {
        const status = await getJobStatus(
          database.handle.db,
          jobQueue,
          'emails',
          id,
        );
        return (
          (status?.state === 'completed' || status?.state === 'failed') &&
          status
        );
      },
      { timeoutMs: 20_000, what: `job ${id} to settle` },
    );

  it('fails at once with the provider reason on a 422', async () => {
    resend.answerNext({
      kind: 'validation_error',
      message: 'Invalid `to` field',
    });
    const { id } = await sendConfirmation();

    const status = await settled(id);
    expect(status.state).toBe('failed');
    expect(status.attemptsMade).toBe(1);
    expect(status.failedReason).toContain('Invalid');
    expect(resend.requests).toHaveLength(1);
  });

  it('waits for Retry-After on a 429 without spending an attempt', async () => {
    resend.answerNext({ kind: 'rate_limited', retryAfterSeconds: 1 });
    const { id, order } = await sendConfirmation();

    const status = await settled(id);
    // BullMQ counts finished attempts, the successful one included: the
    // rate-limited try is not among them.
    expect(status.state).toBe('completed');
    expect(status.attemptsMade).toBe(1);
    expect(resend.requests.map((request) => request.status)).toEqual([
      429, 200,
    ]);
    const [delivery] = resend.deliveries();
    expect(String(delivery!.body.subject)).toContain(order.orderNumber);
  });

  it('retries a 500 with backoff and delivers once', async () => {
    resend.answerNext({ kind: 'server_error' });
    const { id } = await sendConfirmation();

    const status = await settled(id);
    expect(status.state).toBe('completed');
    expect(status.attemptsMade).toBe(2);
    expect(resend.deliveries()).toHaveLength(1);
    expect([...resend.countRequestsByIdempotencyKey().values()]).toEqual([2]);
  });
});
