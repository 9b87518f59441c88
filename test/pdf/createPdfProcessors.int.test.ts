import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, orders } from '../../server/db/schema.js';
import {
  createPdfProcessors,
  type PdfProcessors,
} from '../../server/pdf/createPdfProcessors.js';
import {
  createPdfRenderer,
  type PdfRenderer,
} from '../../server/pdf/pdfRenderer.js';
import type { JobContext } from '../../server/workers/jobProcessor.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { extractPdfText, looksLikePdf } from './pdfTools.js';

const logger = pino({ level: 'silent' });

function createJobContext(jobName: string, jobId: string = randomUUID()) {
  const progress: unknown[] = [];
  const context: JobContext = {
    jobId,
    jobName,
    attempt: 1,
    maxAttempts: 3,
    logger,
    reportProgress: async (value) => {
      progress.push(value);
    },
  };
  return { context, progress };
}

describe('createPdfProcessors', () => {
  let database: TestDatabase;
  let renderer: PdfRenderer;
  let uploadsDir: string;
  let processors: PdfProcessors;
  let tenant: Tenant;

  beforeAll(async () => {
    database = await createTestDatabase();
    renderer = createPdfRenderer({ logger });
    uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-pdf-uploads-'));
    processors = createPdfProcessors({
      db: database.handle.db,
      renderer,
      uploadsDir,
    });
    tenant = await seedTenant(database.handle.db);
  });

  afterAll(async () => {
    await renderer.close();
    await database.drop();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  async function findDocument(jobId: string) {
    return database.handle.db
      .select()
      .from(documents)
      .where(eq(documents.jobId, jobId));
  }

  it('stores the order sheet file and its row when the order exists', async () => {
    const order = await createTestOrder(database.handle.db, tenant);
    const { context, progress } = createJobContext('order-sheet');

    const result = await processors['order-sheet'](
      { orderId: order.id },
      context,
    );

    const expectedPath =
      `pdfs/${tenant.company.id}/` +
      `order-sheet-${order.orderNumber}-${context.jobId}.pdf`;
    expect(result.path).toBe(expectedPath);
    const bytes = await readFile(path.join(uploadsDir, expectedPath));
    expect(looksLikePdf(bytes)).toBe(true);
    expect(result.sizeBytes).toBe(bytes.byteLength);
    const text = await extractPdfText(bytes);
    expect(text).toContain(order.orderNumber);
    expect(text).toContain('Pat Tester');
    expect(progress).toEqual([
      { stage: 'loaded' },
      { stage: 'rendered' },
      { stage: 'stored' },
    ]);
    expect(await findDocument(context.jobId)).toEqual([
      expect.objectContaining({
        id: result.documentId,
        companyId: tenant.company.id,
        orderId: order.id,
        patientId: tenant.patient.id,
        type: 'order-sheet',
        path: expectedPath,
        sizeBytes: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      }),
    ]);
  });

  it('replaces its own file and row when the same job runs again', async () => {
    const order = await createTestOrder(database.handle.db, tenant);
    const { context } = createJobContext('invoice');

    const first = await processors.invoice({ orderId: order.id }, context);
    const second = await processors.invoice({ orderId: order.id }, context);

    expect(second.documentId).toBe(first.documentId);
    expect(await findDocument(context.jobId)).toHaveLength(1);
    const folder = path.join(uploadsDir, 'pdfs', tenant.company.id);
    const files = await readdir(folder);
    expect(files.filter((name) => name.includes(context.jobId))).toEqual([
      path.basename(first.path),
    ]);
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it.each(['lab-work-ticket', 'invoice', 'receipt'] as const)(
    'prints the order number in a %s when the order exists',
    async (type) => {
      const order = await createTestOrder(database.handle.db, tenant);
      const { context } = createJobContext(type);

      const result = await processors[type]({ orderId: order.id }, context);

      const bytes = await readFile(path.join(uploadsDir, result.path));
      expect(await extractPdfText(bytes)).toContain(order.orderNumber);
      const [row] = await findDocument(context.jobId);
      expect(row?.type).toBe(type);
    },
  );

  it('stores a blank examination form when no examination is named', async () => {
    const { context } = createJobContext('examination-form');

    const result = await processors['examination-form'](
      { patientId: tenant.patient.id },
      context,
    );

    expect(path.basename(result.path)).toBe(
      `examination-form-${context.jobId}.pdf`,
    );
    const bytes = await readFile(path.join(uploadsDir, result.path));
    expect(await extractPdfText(bytes)).toContain('Pat Tester');
    const [row] = await findDocument(context.jobId);
    expect(row).toMatchObject({ orderId: null, patientId: tenant.patient.id });
  });

  it('fails for good and stores nothing when the order is missing', async () => {
    const { context, progress } = createJobContext('order-sheet');

    await expect(
      processors['order-sheet']({ orderId: randomUUID() }, context),
    ).rejects.toMatchObject({ code: 'not_found', retryable: false });
    expect(progress).toEqual([]);
    expect(await findDocument(context.jobId)).toEqual([]);
  });

  it("fails for good when the order's patient belongs to another company", async () => {
    const other = await seedTenant(database.handle.db, 'Other Optics');
    const order = await createTestOrder(database.handle.db, tenant);
    await database.handle.db
      .update(orders)
      .set({ patientId: other.patient.id })
      .where(eq(orders.id, order.id));
    const { context } = createJobContext('receipt');

    await expect(
      processors.receipt({ orderId: order.id }, context),
    ).rejects.toMatchObject({ code: 'not_found', retryable: false });
  });

  it('fails for good when given an examination id, as none exist yet', async () => {
    const { context } = createJobContext('examination-form');

    await expect(
      processors['examination-form'](
        { patientId: tenant.patient.id, examinationId: randomUUID() },
        context,
      ),
    ).rejects.toMatchObject({
      code: 'not_found',
      retryable: false,
      message: 'Examination not found',
    });
  });

  it('fails for good when the job id is not a UUID', async () => {
    const order = await createTestOrder(database.handle.db, tenant);
    const { context, progress } = createJobContext('order-sheet', '../x');

    await expect(
      processors['order-sheet']({ orderId: order.id }, context),
    ).rejects.toMatchObject({ code: 'internal', retryable: false });
    expect(progress).toEqual([]);
  });
});
