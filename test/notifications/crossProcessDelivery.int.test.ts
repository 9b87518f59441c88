import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../server/platform.js';
import { queueNotification } from '../../server/queue/helpers.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import { createTestConfig } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import {
  issueTestToken,
  startTestPlatform,
  type TestPlatform,
} from '../support/testPlatform.js';
import { TEST_STORES } from '../support/testStores.js';
import { waitFor } from '../support/waitFor.js';
import { openEventStream } from './sseClient.js';

/**
 * Two platforms on one database, as two processes would be: a worker
 * process without HTTP runs every job, and an API process without workers
 * serves the stream. A notification reaches the stream only through
 * PostgreSQL's NOTIFY from the other platform.
 */
describe.each(TEST_STORES)(
  'notification delivery across processes on the $store store',
  ({ env }) => {
    let database: TestDatabase;
    let tenant: Tenant;
    let workerUploads: string;
    let workerProcess: Platform;
    let apiProcess: TestPlatform;

    beforeAll(async () => {
      // One key prefix for both, as processes sharing one Redis have.
      const shared = {
        ...env,
        QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
      };
      database = await createTestDatabase();
      tenant = await seedTenant(database.handle.db);
      workerUploads = await mkdtemp(path.join(os.tmpdir(), 'il-uploads-'));
      workerProcess = await startPlatform({
        config: createTestConfig({
          DATABASE_URL: database.url,
          UPLOADS_DIR: workerUploads,
          ...shared,
        }),
        logger: createTestLogger(),
        http: false,
      });
      // Started last, so the queue helpers add through the API process.
      apiProcess = await startTestPlatform(database.url, {
        RUN_WORKERS: 'false',
        ...shared,
      });
    });
    afterAll(async () => {
      await apiProcess?.stop();
      await workerProcess?.close();
      await rm(workerUploads, { recursive: true, force: true });
      await database?.drop();
    });

    it('pushes a notification a worker elsewhere stored to the open stream', async () => {
      const token = await issueTestToken(database.handle.db, tenant.staff.id);
      const stream = await openEventStream(
        `${apiProcess.url}/api/notifications/stream`,
        { authorization: `Bearer ${token}` },
      );
      try {
        expect(stream.status).toBe(200);
        await waitFor(() => stream.comments.includes('ready'));

        await queueNotification('briefing-ready', {
          userId: tenant.staff.id,
          date: '2025-05-02',
        });

        const [event] = await stream.waitForEvents(1);
        expect(event?.event).toBe('notification');
        expect(JSON.parse(event!.data)).toMatchObject({
          kind: 'briefing-ready',
          title: 'Your daily briefing for 2025-05-02 is ready',
          link: '/api/insights/briefings/2025-05-02',
          readAt: null,
        });
        expect(Number(event?.id)).toBeGreaterThan(0);
      } finally {
        stream.close();
      }
    });
  },
);
