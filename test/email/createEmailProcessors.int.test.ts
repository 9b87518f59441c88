import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.js';
import {
  companies,
  emailLog,
  orders,
  outgoingEmails,
  users,
} from '../../server/db/schema.js';
import {
  createEmailProcessors,
  type EmailProcessors,
} from '../../server/email/createEmailProcessors.js';
import { NotFoundError } from '../../server/errors/notFoundError.js';
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
  createRecordingTransport,
  type RecordingTransport,
} from './createRecordingTransport.js';
import { createTestJobContext } from './createTestJobContext.js';

const BASE_URL = 'https://app.example.test';
const FROM = 'IntegratedLens <noreply@example.test>';

describe('createEmailProcessors', () => {
  let database: TestDatabase;
  let db: Database;
  let tenant: Tenant;
  let transport: RecordingTransport;
  let processors: EmailProcessors;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    tenant = await seedTenant(db);
  });
  afterAll(() => database.drop());

  beforeEach(() => {
    transport = createRecordingTransport();
    processors = createEmailProcessors({
      db,
      transport,
      from: FROM,
      publicBaseUrl: BASE_URL,
    });
  });

  async function findLog(jobId: string) {
    const [row] = await db
      .select()
      .from(emailLog)
      .where(eq(emailLog.jobId, jobId));
    return row;
  }

  async function expectNotFound(run: Promise<unknown>) {
    const error = await run.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ retryable: false });
    expect(transport.sent).toHaveLength(0);
  }

  describe('order-confirmation', () => {
    it('sends the order to the user and logs it when both exist', async () => {
      const order = await createTestOrder(db, tenant);
      const context = createTestJobContext('order-confirmation');

      const result = await processors['order-confirmation'](
        { orderId: order.id, userId: tenant.staff.id },
        context,
      );

      const [sent] = transport.sent;
      expect(sent?.message.to).toEqual([tenant.staff.email]);
      expect(sent?.message.from).toBe(FROM);
      expect(sent?.message.subject).toContain(order.orderNumber);
      expect(sent?.message.text).toContain('Total: €119.50');
      expect(sent?.message.html).toContain(`${BASE_URL}/orders/${order.id}`);
      expect(sent?.message.text).not.toContain(tenant.patient.lastName);
      expect(sent?.options.idempotencyKey).toBe(
        `order-confirmation:${context.jobId}`,
      );
      expect(result).toMatchObject({ transport: 'mailbox', skipped: false });
      expect(await findLog(context.jobId)).toMatchObject({
        status: 'captured',
        type: 'order-confirmation',
        companyId: tenant.company.id,
        recipient: tenant.staff.email,
        providerMessageId: result.messageId,
      });
    });

    it('fails for good when the order does not exist', async () => {
      await expectNotFound(
        processors['order-confirmation'](
          { orderId: randomUUID(), userId: tenant.staff.id },
          createTestJobContext('order-confirmation'),
        ),
      );
    });

    it('fails for good when the user belongs to another company', async () => {
      const order = await createTestOrder(db, tenant);
      const stranger = await seedTenant(db, 'Other Optics');

      await expectNotFound(
        processors['order-confirmation'](
          { orderId: order.id, userId: stranger.staff.id },
          createTestJobContext('order-confirmation'),
        ),
      );
    });
  });

  describe('order-shipment', () => {
    it('sends tracking details to the user who placed the order', async () => {
      const order = await createTestOrder(db, tenant);

      await processors['order-shipment'](
        { orderId: order.id, trackingNumber: '1Z<999>', carrier: 'UPS' },
        createTestJobContext('order-shipment'),
      );

      const [sent] = transport.sent;
      expect(sent?.message.to).toEqual([tenant.staff.email]);
      expect(sent?.message.subject).toBe(
        `Order ${order.orderNumber} has shipped`,
      );
      expect(sent?.message.text).toContain('Tracking number: 1Z<999>');
      expect(sent?.message.html).toContain('1Z&lt;999&gt;');
    });

    it('fails for good when the order was deleted', async () => {
      await expectNotFound(
        processors['order-shipment'](
          { orderId: randomUUID(), trackingNumber: '1', carrier: 'UPS' },
          createTestJobContext('order-shipment'),
        ),
      );
    });
  });

  describe('marketplace-connection', () => {
    it('writes to every admin when the target company has several', async () => {
      const target = await seedTenant(db, 'Target Lab');
      const [secondAdmin] = await db
        .insert(users)
        .values({
          companyId: target.company.id,
          role: 'company_admin',
          name: 'Second Admin',
          email: `admin-${randomUUID()}@example.test`,
        })
        .returning();
      const context = createTestJobContext('marketplace-connection');

      await processors['marketplace-connection'](
        {
          connectionId: 77,
          requesterCompanyId: tenant.company.id,
          targetCompanyId: target.company.id,
        },
        context,
      );

      const [sent] = transport.sent;
      expect(sent?.message.to).toEqual([
        target.admin.email,
        secondAdmin?.email,
      ]);
      expect(sent?.message.subject).toBe('Test Optics wants to connect');
      expect(sent?.message.text).toContain('Connection request number 77');
      expect(sent?.message.text).toContain(
        `${BASE_URL}/marketplace/connections/77`,
      );
      expect(await findLog(context.jobId)).toMatchObject({
        companyId: target.company.id,
      });
    });

    it('fails for good when the target company has no admin', async () => {
      const [lonely] = await db
        .insert(companies)
        .values({ name: 'No Admin Ltd' })
        .returning();

      const error = await processors['marketplace-connection'](
        {
          connectionId: 78,
          requesterCompanyId: tenant.company.id,
          targetCompanyId: lonely!.id,
        },
        createTestJobContext('marketplace-connection'),
      ).catch((thrown: unknown) => thrown);

      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe(
        'Company admin of the target company not found',
      );
    });

    it('fails for good when the requesting company does not exist', async () => {
      await expectNotFound(
        processors['marketplace-connection'](
          {
            connectionId: 79,
            requesterCompanyId: randomUUID(),
            targetCompanyId: tenant.company.id,
          },
          createTestJobContext('marketplace-connection'),
        ),
      );
    });
  });

  describe('daily-briefing', () => {
    async function placeOrder(
      owner: Tenant,
      createdAt: string,
      changes: Partial<typeof orders.$inferInsert> = {},
    ) {
      const order = await createTestOrder(db, owner);
      await db
        .update(orders)
        .set({ createdAt: new Date(createdAt), ...changes })
        .where(eq(orders.id, order.id));
    }

    it('counts the day in the company time zone when it sends', async () => {
      const berlin = await seedTenant(db, 'Berlin Optik');
      await db
        .update(companies)
        .set({ timeZone: 'Europe/Berlin' })
        .where(eq(companies.id, berlin.company.id));
      // 00:30 on 1 July in Berlin, still 30 June in UTC.
      await placeOrder(berlin, '2025-06-30T22:30:00Z');
      await placeOrder(berlin, '2025-07-01T12:00:00Z', { totalCents: 5000 });
      await placeOrder(berlin, '2025-07-01T13:00:00Z', { status: 'cancelled' });
      await placeOrder(berlin, '2025-07-01T22:30:00Z');
      await placeOrder(tenant, '2025-07-01T12:00:00Z');

      await processors['daily-briefing'](
        {
          userId: berlin.admin.id,
          companyId: berlin.company.id,
          date: '2025-07-01',
        },
        createTestJobContext('daily-briefing'),
      );

      const [sent] = transport.sent;
      expect(sent?.message.to).toEqual([berlin.admin.email]);
      expect(sent?.message.text).toContain('- 2 orders');
      expect(sent?.message.text).toContain('- Revenue: €169.50');
    });

    it('fails for good when the user is not of that company', async () => {
      await expectNotFound(
        processors['daily-briefing'](
          {
            userId: tenant.staff.id,
            companyId: (await seedTenant(db)).company.id,
            date: '2025-07-01',
          },
          createTestJobContext('daily-briefing'),
        ),
      );
    });
  });

  describe('generic', () => {
    it('sends the stored message when the row exists', async () => {
      const [stored] = await db
        .insert(outgoingEmails)
        .values({
          to: 'someone@example.test',
          subject: 'Welcome\r\nBcc: x@example.test',
          html: '<p>Welcome aboard</p>',
        })
        .returning();
      const context = createTestJobContext('generic');

      await processors.generic({ emailId: stored!.id }, context);

      const [sent] = transport.sent;
      expect(sent?.message).toMatchObject({
        to: ['someone@example.test'],
        subject: 'Welcome Bcc: x@example.test',
        html: '<p>Welcome aboard</p>',
        text: 'Welcome aboard',
      });
      expect(await findLog(context.jobId)).toMatchObject({ companyId: null });
    });

    it('fails for good when the stored message is gone', async () => {
      await expectNotFound(
        processors.generic(
          { emailId: randomUUID() },
          createTestJobContext('generic'),
        ),
      );
    });
  });
});
