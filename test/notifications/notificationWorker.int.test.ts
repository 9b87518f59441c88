import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../server/db/schemas/notificationsSchema.js';
import * as processorsModule from '../../server/notifications/createNotificationProcessors.js';
import {
  queueExaminationFormPDF,
  queueNotification,
} from '../../server/queue/helpers.js';
import { getJobStatus } from '../../server/queue/jobStatus.js';
import { createTestJobContext } from '../email/createTestJobContext.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import {
  issueTestToken,
  startTestPlatform,
  type TestPlatform,
} from '../support/testPlatform.js';
import { TEST_STORES } from '../support/testStores.js';
import { waitFor } from '../support/waitFor.js';

interface NotificationBody {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

describe.each(TEST_STORES)(
  'notifications worker on the $store store',
  ({ env }) => {
    let database: TestDatabase;
    let platform: TestPlatform;
    let tenant: Tenant;
    let adminToken: string;
    let staffToken: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      tenant = await seedTenant(database.handle.db);
      adminToken = await issueTestToken(database.handle.db, tenant.admin.id);
      staffToken = await issueTestToken(database.handle.db, tenant.staff.id);
      platform = await startTestPlatform(database.url, env);
    });
    afterAll(async () => {
      await platform?.stop();
      await database?.drop();
    });

    function call(path: string, token: string, init: RequestInit = {}) {
      return fetch(`${platform.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
      });
    }

    async function listNotifications(token: string) {
      const response = await call('/api/notifications', token);
      const body = (await response.json()) as {
        notifications: NotificationBody[];
      };
      return body.notifications;
    }

    function waitForKind(token: string, kind: string) {
      return waitFor(
        async () =>
          (await listNotifications(token)).find((item) => item.kind === kind),
        { what: `a ${kind} notification`, timeoutMs: 25_000 },
      );
    }

    it('tells the order creator when another user ships the order', async () => {
      const order = await createTestOrder(database.handle.db, tenant);
      const shipped = await call(`/api/orders/${order.id}/ship`, adminToken, {
        method: 'POST',
        body: JSON.stringify({ trackingNumber: 'TRK-1', carrier: 'PostNord' }),
      });
      expect(shipped.status).toBe(200);

      const notification = await waitForKind(staffToken, 'order-shipped');
      expect(notification.title).toBe(`Order ${order.orderNumber} shipped`);
      expect(notification.body).toContain('PostNord, tracking number TRK-1');
      expect(notification.link).toBe(`/api/orders/${order.id}`);
      const adminKinds = (await listNotifications(adminToken)).map(
        (n) => n.kind,
      );
      expect(adminKinds).not.toContain('order-shipped');
    });

    it('tells the requester that the PDF is ready, with a link that serves it', async () => {
      const order = await createTestOrder(database.handle.db, tenant);
      const requested = await call(
        `/api/orders/${order.id}/invoice`,
        staffToken,
        {
          method: 'POST',
        },
      );
      expect(requested.status).toBe(202);

      const notification = await waitForKind(staffToken, 'pdf-ready');
      expect(notification.title).toBe('Your invoice is ready');
      expect(notification.link).toMatch(/^\/api\/documents\/[0-9a-f-]{36}$/);
      const download = await call(notification.link!, staffToken);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
    });

    it('tells the company admins when a job of the company failed for good', async () => {
      const jobId = await queueExaminationFormPDF(
        tenant.patient.id,
        randomUUID(),
      );

      const notification = await waitForKind(adminToken, 'job-failed');
      expect(notification.link).toBe(`/api/jobs/pdfs/${jobId}`);
      expect(notification.body).toContain('examination-form');
      const staffKinds = (await listNotifications(staffToken)).map(
        (n) => n.kind,
      );
      expect(staffKinds).not.toContain('job-failed');
    });

    it('fails for good, with no retry, when the recipient does not exist', async () => {
      const jobId = await queueNotification('briefing-ready', {
        userId: randomUUID(),
        date: '2025-05-02',
      });

      const status = await waitFor(async () => {
        const current = await getJobStatus(
          database.handle.db,
          platform.jobQueue,
          'notifications',
          jobId,
        );
        return current?.state === 'failed' && current;
      });
      expect(status.attemptsMade).toBe(1);
      expect(status.failedReason).toBe('User not found');
    });
  },
);

describe('notification processors', () => {
  let database: TestDatabase;
  let tenant: Tenant;

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
  });
  afterAll(() => database?.drop());

  it('stores one row when the same job runs twice', async () => {
    const processors = processorsModule.createNotificationProcessors(
      database.handle.db,
    );
    const order = await createTestOrder(database.handle.db, tenant);
    const context = createTestJobContext('order-shipped');
    const data = { userId: tenant.staff.id, orderId: order.id };

    const first = await processors['order-shipped'](data, context);
    const second = await processors['order-shipped'](data, context);

    expect(first.created).toBe(true);
    expect(second).toEqual({
      notificationId: first.notificationId,
      created: false,
    });
    const rows = await database.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.jobId, context.jobId));
    expect(rows).toHaveLength(1);
  });

  it('refuses to name an order of another company', async () => {
    const processors = processorsModule.createNotificationProcessors(
      database.handle.db,
    );
    const other = await seedTenant(database.handle.db, 'Other Optics');
    const foreignOrder = await createTestOrder(database.handle.db, other);
    const context = createTestJobContext('order-shipped');

    await expect(
      processors['order-shipped'](
        { userId: tenant.staff.id, orderId: foreignOrder.id },
        context,
      ),
    ).rejects.toThrow('Order not found');
  });
});
