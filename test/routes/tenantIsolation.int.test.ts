import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../server/db/schema.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import {
  issueTestToken,
  startTestPlatform,
  type TestPlatform,
} from '../support/testPlatform.js';
import { waitFor } from '../support/waitFor.js';

const ITEM = { description: 'Progressive lenses', quantity: 2, unitPrice: 120 };

describe('tenant isolation of orders, jobs and documents', () => {
  let database: TestDatabase;
  let platform: TestPlatform;
  let ours: Tenant;
  let theirs: Tenant;
  let ourToken: string;
  let theirToken: string;
  let order: { id: string };
  let jobs: { confirmationEmailJobId: string; orderSheetJobId: string };
  let documentId: string;

  const as = (token: string) => ({
    get: (url: string) =>
      request(platform.url).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) =>
      request(platform.url)
        .post(url)
        .set('Authorization', `Bearer ${token}`)
        .send(body),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    platform = await startTestPlatform(database.url);
    ours = await seedTenant(database.handle.db, 'Ours');
    theirs = await seedTenant(database.handle.db, 'Theirs');
    ourToken = await issueTestToken(database.handle.db, ours.staff.id);
    theirToken = await issueTestToken(database.handle.db, theirs.staff.id);

    const created = await as(ourToken).post('/api/orders', {
      patientId: ours.patient.id,
      items: [ITEM],
    });
    ({ order, jobs } = created.body);
    const sheet = await waitFor(async () => {
      const response = await as(ourToken).get(
        `/api/jobs/pdfs/${jobs.orderSheetJobId}`,
      );
      return response.body.job?.state === 'completed' && response.body.job;
    });
    documentId = sheet.result.documentId;
  });
  afterAll(async () => {
    await platform.stop();
    await database.drop();
  });

  it('shows the owner its order, job and document', async () => {
    expect((await as(ourToken).get(`/api/orders/${order.id}`)).status).toBe(
      200,
    );
    const job = await as(ourToken).get(
      `/api/jobs/emails/${jobs.confirmationEmailJobId}`,
    );
    expect(job.status).toBe(200);
    expect(job.body.job.name).toBe('order-confirmation');
    expect(
      (await as(ourToken).get(`/api/documents/${documentId}`)).status,
    ).toBe(200);
  });

  it.each([
    ['the order', () => `/api/orders/${order.id}`],
    ['the email job', () => `/api/jobs/emails/${jobs.confirmationEmailJobId}`],
    ['the PDF job', () => `/api/jobs/pdfs/${jobs.orderSheetJobId}`],
    ['the document', () => `/api/documents/${documentId}`],
  ])('answers 404 to another company asking for %s', async (_what, url) => {
    const response = await as(theirToken).get(url());

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it.each([
    ['ship', { trackingNumber: 'TRK1', carrier: 'DHL' }],
    ['invoice', {}],
    ['receipt', {}],
    ['lab-ticket', {}],
  ])('lets no other company %s the order', async (action, body) => {
    const before = await database.handle.pool.query(
      'select count(*) from job_outbox',
    );
    const response = await as(theirToken).post(
      `/api/orders/${order.id}/${action}`,
      body,
    );
    const after = await database.handle.pool.query(
      'select count(*) from job_outbox',
    );

    expect(response.status).toBe(404);
    expect(after.rows[0].count).toBe(before.rows[0].count);
  });

  it('serves documents uncached and finds jobs by an upper-case id', async () => {
    const document = await as(ourToken).get(`/api/documents/${documentId}`);
    expect(document.headers['cache-control']).toBe('private, no-store');

    const upper = await as(ourToken).get(
      `/api/jobs/pdfs/${jobs.orderSheetJobId.toUpperCase()}`,
    );
    expect(upper.body.job).toMatchObject({
      id: jobs.orderSheetJobId,
      state: 'completed',
    });
  });

  it('ships an order once; a second shipment answers 409', async () => {
    const created = await as(ourToken).post('/api/orders', {
      patientId: ours.patient.id,
      items: [ITEM],
    });
    const url = `/api/orders/${created.body.order.id}/ship`;
    const first = await as(ourToken).post(url, {
      trackingNumber: 'T1',
      carrier: 'DHL',
    });
    const second = await as(ourToken).post(url, {
      trackingNumber: 'T2',
      carrier: 'UPS',
    });

    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already been shipped/);
  });

  it('answers 202 with a job id when the owner asks for an invoice', async () => {
    const response = await as(ourToken).post(`/api/orders/${order.id}/invoice`);

    expect(response.status).toBe(202);
    const done = await waitFor(async () => {
      const job = await as(ourToken).get(
        `/api/jobs/pdfs/${response.body.jobId}`,
      );
      return job.body.job?.state === 'completed' && job.body.job;
    });
    expect(done.name).toBe('invoice');
  });

  it.each([
    [
      'an unknown queue',
      '/api/jobs/videos/00000000-0000-4000-8000-000000000000',
      400,
    ],
    ['a malformed job id', '/api/jobs/emails/42', 400],
    [
      'an unknown job id',
      '/api/jobs/emails/00000000-0000-4000-8000-000000000000',
      404,
    ],
    ['a malformed order id', '/api/orders/1%20or%201=1', 400],
    [
      'an unknown document',
      '/api/documents/00000000-0000-4000-8000-000000000000',
      404,
    ],
  ])('answers clearly for %s', async (_case, url, status) => {
    const response = await as(ourToken).get(url);

    expect(response.status).toBe(status);
    expect(response.body.error.message).toBeTruthy();
  });

  it('keeps queue stats for platform admins', async () => {
    expect((await as(ourToken).get('/api/admin/queue-stats')).status).toBe(403);

    await database.handle.db
      .update(users)
      .set({ role: 'platform_admin' })
      .where(eq(users.id, ours.admin.id));
    const adminToken = await issueTestToken(database.handle.db, ours.admin.id);
    const stats = await as(adminToken).get('/api/admin/queue-stats');

    expect(stats.status).toBe(200);
    expect(stats.body.store).toBe('redis');
    expect(stats.body.email.completed).toBeGreaterThanOrEqual(1);
    expect(stats.body.pdf.completed).toBeGreaterThanOrEqual(1);
    expect(stats.body.stores.postgres.email).toBeDefined();
  });
});
