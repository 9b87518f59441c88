import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { JobQueue } from '../../server/queue/jobQueue.js';
import { getJobStatus } from '../../server/queue/jobStatus.js';
import type { ProcessorRegistry } from '../../server/queue/workerHost.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import { createTestConfig } from '../support/testConfig.js';
import { TEST_STORES } from '../support/testStores.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';

/** A processor that signals when it starts and ends only when released. */
function createHeldProcessor() {
  let markStarted: () => void = () => {};
  let release: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const processor = () =>
    new Promise<void>((resolve) => {
      release = resolve;
      markStarted();
    });
  return { started, processor, release: () => release() };
}

describe.each(TEST_STORES)(
  'shutdown with jobs in flight on $store',
  ({ env }) => {
    let database: TestDatabase;
    let tenant: Tenant;
    let config: Config;

    beforeAll(async () => {
      database = await createTestDatabase();
      tenant = await seedTenant(database.handle.db);
      config = createTestConfig({ ...env, SHUTDOWN_TIMEOUT_MS: '300' });
    });
    afterAll(() => database.drop());

    async function startQueue(processors?: ProcessorRegistry) {
      const jobQueue = new JobQueue({
        config,
        database: database.handle,
        databaseUrl: database.url,
        logger: createTestLogger(),
        processors,
      });
      await jobQueue.start();
      return jobQueue;
    }

    async function enqueueFor(jobQueue: JobQueue) {
      const order = await createTestOrder(database.handle.db, tenant);
      const { id } = await jobQueue.enqueue('emails', 'order-confirmation', {
        orderId: order.id,
        userId: tenant.staff.id,
      });
      return id;
    }

    async function stateOf(id: string) {
      const observer = await startQueue();
      const status = await getJobStatus(
        database.handle.db,
        observer,
        'emails',
        id,
      );
      await observer.close();
      return status?.state;
    }

    it('lets a job that finishes within the timeout complete', async () => {
      const held = createHeldProcessor();
      const jobQueue = await startQueue({
        emails: { 'order-confirmation': held.processor },
      });
      const id = await enqueueFor(jobQueue);
      await held.started;

      const closing = jobQueue.close();
      held.release();
      await closing;

      expect(await stateOf(id)).toBe('completed');
    });

    it('hands a job still running at the timeout back to waiting', async () => {
      const held = createHeldProcessor();
      const stuck = await startQueue({
        emails: { 'order-confirmation': held.processor },
      });
      const id = await enqueueFor(stuck);
      await held.started;

      await stuck.close();
      expect(await stateOf(id)).toBe('waiting');

      const next = await startQueue({
        emails: { 'order-confirmation': async () => {} },
      });
      await waitFor(async () => {
        const status = await getJobStatus(
          database.handle.db,
          next,
          'emails',
          id,
        );
        return status?.state === 'completed';
      });
      await next.close();
      held.release();
    });
  },
);
