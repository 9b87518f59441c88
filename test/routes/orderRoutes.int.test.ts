import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const ITEM = {
  description: 'Single vision lenses, pair',
  quantity: 1,
  unitPrice: 89.5,
};

describe('POST /api/orders', () => {
  let database: TestDatabase;
  let platform: TestPlatform;
  let tenant: Tenant;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    platform = await startTestPlatform(database.url);
    tenant = await seedTenant(database.handle.db);
    token = await issueTestToken(database.handle.db, tenant.staff.id);
  });
  afterAll(async () => {
    await platform.stop();
    await database.drop();
  });

  const post = (body: unknown) =>
    request(platform.url)
      .post('/api/orders')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  it('answers 201 and produces the email and the order sheet', async () => {
    const response = await post({
      patientId: tenant.patient.id,
      items: [ITEM],
    });

    expect(response.status).toBe(201);
    const { order, jobs } = response.body;
    expect(order.totalCents).toBe(8950);
    expect(order.orderNumber).toMatch(/^IL-\d{6}$/);

    const mailbox = path.join(platform.uploadsDir, 'emails');
    const [eml] = await waitFor(() =>
      readdir(mailbox)
        .catch(() => [])
        .then((f) => f.length > 0 && f),
    );
    const message = await readFile(path.join(mailbox, eml!), 'utf8');
    expect(message).toContain(order.orderNumber);

    const sheet = await waitFor(async () => {
      const job = await request(platform.url)
        .get(`/api/jobs/pdfs/${jobs.orderSheetJobId}`)
        .set('Authorization', `Bearer ${token}`);
      return job.body.job?.state === 'completed' && job.body.job;
    });
    const document = await request(platform.url)
      .get(`/api/documents/${sheet.result.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(document.status).toBe(200);
    expect((document.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.each([
    [
      'a missing patient id',
      { patientId: undefined, items: [ITEM] },
      'patientId',
    ],
    ['no items', { patientId: 'x', items: [] }, 'items'],
    [
      'a negative quantity',
      { items: [{ ...ITEM, quantity: -1 }] },
      'items.0.quantity',
    ],
    [
      'a text price',
      { items: [{ ...ITEM, unitPrice: '9' }] },
      'items.0.unitPrice',
    ],
    [
      'three decimals',
      { items: [{ ...ITEM, unitPrice: 1.005 }] },
      'items.0.unitPrice',
    ],
    ['an unknown field', { items: [ITEM], discount: 5 }, 'discount'],
  ])('answers 400 naming the field for %s', async (_case, body, field) => {
    const response = await post({ patientId: tenant.patient.id, ...body });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toContain(field);
  });

  it.each([
    ['a NUL character', 'lens\u0000pair'],
    ['a lone surrogate', 'lens\ud800pair'],
  ])('answers 400 and stores nothing for %s', async (_case, description) => {
    const before = await database.handle.pool.query(
      'select count(*) from orders',
    );
    const response = await post({
      patientId: tenant.patient.id,
      items: [{ ...ITEM, description }],
    });
    const after = await database.handle.pool.query(
      'select count(*) from orders',
    );

    expect(response.status).toBe(400);
    expect(after.rows[0].count).toBe(before.rows[0].count);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await request(platform.url)
      .post('/api/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"patientId": ');

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/Malformed JSON/);
  });

  it('answers 413 for a body over the limit', async () => {
    const items = Array.from({ length: 2000 }, () => ({
      ...ITEM,
      description: 'x'.repeat(100),
    }));
    const response = await post({ patientId: tenant.patient.id, items });

    expect(response.status).toBe(413);
  });

  it('refuses a patient of another company and queues nothing', async () => {
    const other = await seedTenant(database.handle.db, 'Other Optics');
    const before = await database.handle.pool.query(
      'select count(*) from job_outbox',
    );
    const response = await post({ patientId: other.patient.id, items: [ITEM] });
    const after = await database.handle.pool.query(
      'select count(*) from job_outbox',
    );

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('patientId');
    expect(after.rows[0].count).toBe(before.rows[0].count);
  });

  it.each([
    ['no header', undefined],
    ['a malformed header', 'Token abc'],
    ['an unknown token', 'Bearer il_unknownunknownunknownunknown'],
  ])('answers 401 with %s', async (_case, header) => {
    const call = request(platform.url).post('/api/orders').send({});
    const response = await (header ? call.set('Authorization', header) : call);

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});
