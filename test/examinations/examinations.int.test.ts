import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema.js';
import { extractPdfText } from '../pdf/pdfTools.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import { createTestDatabase } from '../support/testDatabase.js';
import { issueTestToken, startTestPlatform } from '../support/testPlatform.js';
import { TEST_STORES } from '../support/testStores.js';
import { waitFor } from '../support/waitFor.js';

const EXAMINATION = {
  examinedOn: '2025-05-02',
  examiner: 'Dr. Elin Berg',
  rightEye: {
    visualAcuity: '6/6',
    sphere: -1.25,
    cylinder: -0.5,
    axis: 90,
    add: 1.5,
    intraocularPressureMmHg: 15,
  },
  leftEye: {
    sphere: 2.75,
    prism: 0.5,
    prismBase: 'in',
    intraocularPressureMmHg: 17,
  },
  pupillaryDistanceMm: 63.5,
  notes: 'Reading glasses advised.',
};

/** The parts of the answers these tests read. */
interface ApiBody {
  examination: { id: string };
  examinations: { id: string; rightEye: { sphere: number } }[];
  jobs: { examinationFormJobId: string };
  notifications: { kind: string; link: string }[];
  error: { message: string };
}

async function setUp(env: Record<string, string | undefined> = {}) {
  const database = await createTestDatabase();
  const tenant = await seedTenant(database.handle.db);
  const token = await issueTestToken(database.handle.db, tenant.staff.id);
  const platform = await startTestPlatform(database.url, env);
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${platform.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as ApiBody,
    };
  };
  const tearDown = async () => {
    await platform.stop();
    await database.drop();
  };
  return { database, tenant, platform, call, tearDown };
}

describe.each(TEST_STORES)('examinations on the $store store', ({ env }) => {
  let context: Awaited<ReturnType<typeof setUp>>;
  let tenant: Tenant;

  beforeAll(async () => {
    context = await setUp(env);
    tenant = context.tenant;
  });
  afterAll(() => context?.tearDown());

  it('stores the examination and prints its values on the form', async () => {
    const created = await context.call(
      'POST',
      `/api/patients/${tenant.patient.id}/examinations`,
      EXAMINATION,
    );
    expect(created.status).toBe(201);

    const notification = await waitFor(async () => {
      const list = await context.call('GET', '/api/notifications');
      return list.body.notifications.find((item) => item.kind === 'pdf-ready');
    });
    const documentId = notification.link.split('/').at(-1)!;
    const [document] = await context.database.handle.db
      .select()
      .from(documents)
      .where(eq(documents.id, documentId));
    expect(document?.type).toBe('examination-form');
    const bytes = await readFile(
      path.join(context.platform.uploadsDir, document!.path),
    );
    const text = await extractPdfText(bytes);
    for (const printed of [
      'Eye examination of 2025-05-02',
      '-1.25',
      '-0.50',
      '90°',
      '+1.50',
      '+2.75',
      '0.50 Δ',
      '15 mmHg',
      '17 mmHg',
      '63.5 mm',
      'Dr. Elin Berg',
      'Reading glasses advised.',
    ]) {
      expect(text).toContain(printed);
    }
  });

  it('lists the patient examinations, the latest first', async () => {
    await context.call(
      'POST',
      `/api/patients/${tenant.patient.id}/examinations`,
      { ...EXAMINATION, examinedOn: '2025-06-10' },
    );
    const list = await context.call(
      'GET',
      `/api/patients/${tenant.patient.id}/examinations`,
    );
    expect(list.status).toBe(200);
    expect(list.body.examinations.length).toBeGreaterThanOrEqual(2);
    expect(list.body.examinations[0]).toMatchObject({
      examinedOn: '2025-06-10',
      rightEye: { sphere: -1.25, axis: 90 },
    });
  });
});

describe('examinations bad input', () => {
  let context: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    context = await setUp();
  });
  afterAll(() => context?.tearDown());

  const post = (patientId: string, body: unknown) =>
    context.call('POST', `/api/patients/${patientId}/examinations`, body);

  it.each([
    ['an axis of 200', { cylinder: -1, axis: 200 }, 'rightEye.axis'],
    ['a sphere of +40', { sphere: 40 }, 'rightEye.sphere'],
  ])('answers 400 naming the field for %s', async (_case, rightEye, field) => {
    const response = await post(context.tenant.patient.id, {
      ...EXAMINATION,
      rightEye,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
  });

  it('answers 404 for a patient of another company, and stores nothing', async () => {
    const other = await seedTenant(context.database.handle.db, 'Other');
    const response = await post(other.patient.id, EXAMINATION);
    const unknown = await post(randomUUID(), EXAMINATION);
    const list = await context.call(
      'GET',
      `/api/patients/${other.patient.id}/examinations`,
    );

    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('Patient not found');
    expect(unknown.status).toBe(404);
    expect(list.status).toBe(404);
  });
});
