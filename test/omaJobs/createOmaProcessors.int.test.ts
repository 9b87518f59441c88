import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema.js';
import {
  tracerEyes,
  tracerResults,
} from '../../server/db/schemas/tracerSchema.js';
import { AppError } from '../../server/errors/appError.js';
import { createOmaProcessors } from '../../server/omaJobs/createOmaProcessors.js';
import { createTracerRepository } from '../../server/omaJobs/tracerRepository.js';
import { writeDocumentFile } from '../../server/pdf/writeDocumentFile.js';
import { createTestJobContext } from '../email/createTestJobContext.js';
import {
  buildEllipseFile,
  buildOmaFile,
  createEllipseRadii,
  encodeAsciiRecords,
} from '../oma/fixtures/buildOmaFixture.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';

const JOB_NAME = 'analyse-tracer-file';

describe('createOmaProcessors', () => {
  let database: TestDatabase;
  let tenant: Tenant;
  let uploadsDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-oma-'));
  });
  afterAll(async () => {
    await rm(uploadsDir, { recursive: true, force: true });
    await database.drop();
  });

  /** An upload row as the route writes it; `bytes` null leaves no file. */
  async function createUpload(bytes: Buffer | null) {
    const order = await createTestOrder(database.handle.db, tenant);
    const uploadId = randomUUID();
    const folder = `oma/${tenant.company.id}`;
    const file = bytes
      ? await writeDocumentFile(
          { uploadsDir, folder, fileName: `${uploadId}.oma` },
          bytes,
        )
      : { relativePath: `${folder}/${uploadId}.oma`, sizeBytes: 0, sha256: '' };
    await createTracerRepository(database.handle.db).insertUpload({
      id: uploadId,
      companyId: tenant.company.id,
      orderId: order.id,
      uploadedByUserId: tenant.staff.id,
      path: file.relativePath,
      contentType: 'application/octet-stream',
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    });
    const data = {
      orderId: order.id,
      uploadId,
      requestedByUserId: tenant.staff.id,
    };
    return { data, process: createProcessor() };
  }

  const notified: Array<{ userId: string; about: string; kind: string }> = [];
  const createProcessor = () =>
    createOmaProcessors({
      db: database.handle.db,
      uploadsDir,
      notifier: {
        previewStored: async (userId, documentId) => {
          notified.push({ userId, about: documentId, kind: 'stored' });
          return randomUUID();
        },
        fileRefused: async (userId, jobId) => {
          notified.push({ userId, about: jobId, kind: 'refused' });
          return randomUUID();
        },
      },
    })[JOB_NAME];

  const findResult = async (uploadId: string) => {
    const [row] = await database.handle.db
      .select()
      .from(tracerResults)
      .where(eq(tracerResults.uploadId, uploadId));
    return row;
  };

  it('replaces its own results and preview when the job runs again', async () => {
    const { data, process } = await createUpload(buildEllipseFile());
    const context = createTestJobContext(JOB_NAME);

    const first = await process(data, context);
    const second = await process(data, context);

    expect(second.resultId).toBe(first.resultId);
    expect(second.previewDocumentId).toBe(first.previewDocumentId);
    const eyes = await database.handle.db
      .select()
      .from(tracerEyes)
      .where(eq(tracerEyes.resultId, first.resultId));
    expect(eyes.map((eye) => eye.side).sort()).toEqual(['left', 'right']);
    const previews = await database.handle.db
      .select()
      .from(documents)
      .where(eq(documents.jobId, context.jobId));
    expect(previews).toMatchObject([
      { type: 'oma-preview', contentType: 'image/svg+xml' },
    ]);
    expect(notified.at(-1)).toEqual({
      userId: tenant.staff.id,
      about: first.previewDocumentId,
      kind: 'stored',
    });
  });

  it('stores a partial result when one eye is in a vendor format', async () => {
    const radii = createEllipseRadii(360, 25, 17.5);
    const { data, process } = await createUpload(
      buildOmaFile([
        'TRCFMT=1;360;E;R;F',
        ...encodeAsciiRecords('R', radii),
        'TRCFMT=6;360;E;L;F',
        'R=ABCDEF',
      ]),
    );

    const outcome = await process(data, createTestJobContext(JOB_NAME));

    expect(outcome.status).toBe('partial');
    const result = await findResult(data.uploadId);
    expect(result?.formats).toEqual([1, 6]);
    expect(result?.unsupported).toMatchObject([
      { record: 'TRCFMT', line: 38, format: 6 },
    ]);
  });

  it('records a file with no readable trace as invalid and gives up', async () => {
    const { data, process } = await createUpload(
      buildOmaFile(['TRCFMT=6;360;E;R;F', 'R=ABCDEF']),
    );

    const failure = process(data, createTestJobContext(JOB_NAME));

    await expect(failure).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^line 1, record TRCFMT: /),
    });
    expect(await findResult(data.uploadId)).toMatchObject({
      status: 'invalid',
      reasonLine: 1,
      reasonRecord: 'TRCFMT',
      previewDocumentId: null,
    });
  });

  it('records a missing stored file as invalid and gives up', async () => {
    const { data, process } = await createUpload(null);
    const context = createTestJobContext(JOB_NAME);

    const failure = process(data, context);

    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ retryable: false });
    const result = await findResult(data.uploadId);
    expect(result?.status).toBe('invalid');
    expect(result?.reason).toMatch(/upload the file again/);
    expect(notified.at(-1)).toEqual({
      userId: tenant.staff.id,
      about: context.jobId,
      kind: 'refused',
    });
  });

  it('gives up on an upload that belongs to another order', async () => {
    const { data, process } = await createUpload(buildEllipseFile());
    const other = await createTestOrder(database.handle.db, tenant);

    const failure = process(
      { ...data, orderId: other.id },
      createTestJobContext(JOB_NAME),
    );

    await expect(failure).rejects.toMatchObject({
      code: 'not_found',
      retryable: false,
    });
    expect(await findResult(data.uploadId)).toBeUndefined();
  });
});
