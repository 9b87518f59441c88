import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOutbox } from '../../server/db/schema.js';
import { OMA_MAX_FILE_BYTES } from '../../server/oma/index.js';
import type {
  TracerResultView,
  OrderTracerResults,
} from '../../shared/api/omaRequests.js';
import {
  buildEllipseFile,
  buildOmaFile,
  createEllipseRadii,
  createRoundedRectangleRadii,
  encodeAsciiRecords,
  encodeBinaryRecord,
  encodePackedBinary,
} from '../oma/fixtures/buildOmaFixture.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import { UNREACHABLE_REDIS_URL } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import {
  issueTestToken,
  startTestPlatform,
  type TestPlatform,
} from '../support/testPlatform.js';
import { waitFor } from '../support/waitFor.js';

// The shared corpus lives beside the repository and is never copied into it.
const CORPUS_FILE = fileURLToPath(
  new URL('../../../shared/oma-corpus/mcapp-lds-062884.oma', import.meta.url),
);

const STORES = [
  { store: 'redis', env: {} },
  { store: 'postgres', env: { REDIS_URL: UNREACHABLE_REDIS_URL } },
] as const;

interface JobView {
  state: string;
  store: string;
  attemptsMade: number;
  failedReason: string | null;
}

describe.each(STORES)(
  'OMA upload API on the $store store',
  ({ store, env }) => {
    let database: TestDatabase;
    let platform: TestPlatform;
    let tenant: Tenant;
    let token: string;
    let otherToken: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      platform = await startTestPlatform(database.url, {
        WORKER_QUEUES: 'oma',
        ...env,
      });
      tenant = await seedTenant(database.handle.db);
      token = await issueTestToken(database.handle.db, tenant.staff.id);
      const other = await seedTenant(database.handle.db, 'Other Optics');
      otherToken = await issueTestToken(database.handle.db, other.staff.id);
    });
    afterAll(async () => {
      await platform?.stop();
      await database?.drop();
    });

    const newOrder = () => createTestOrder(database.handle.db, tenant);

    const uploadRaw = (orderId: string, bytes: Buffer, as = token) =>
      request(platform.url)
        .post(`/api/orders/${orderId}/oma`)
        .set('Authorization', `Bearer ${as}`)
        .set('Content-Type', 'application/octet-stream')
        .send(bytes);

    const uploadForm = (orderId: string, bytes: Buffer, fileName: string) =>
      request(platform.url)
        .post(`/api/orders/${orderId}/oma`)
        .set('Authorization', `Bearer ${token}`)
        .attach('file', bytes, fileName);

    const getResults = (orderId: string, as = token) =>
      request(platform.url)
        .get(`/api/orders/${orderId}/oma`)
        .set('Authorization', `Bearer ${as}`);

    async function waitForJob(jobId: string): Promise<JobView> {
      return waitFor(
        async () => {
          const response = await request(platform.url)
            .get(`/api/jobs/oma/${jobId}`)
            .set('Authorization', `Bearer ${token}`);
          const job = response.body.job as JobView | undefined;
          return (job?.state === 'completed' || job?.state === 'failed') && job;
        },
        { what: `oma job ${jobId} to finish` },
      );
    }

    async function readUpload(orderId: string): Promise<TracerResultView> {
      const response = await getResults(orderId);
      expect(response.status).toBe(200);
      const body = response.body as OrderTracerResults;
      expect(body.uploads).toHaveLength(1);
      return body.uploads[0]!;
    }

    const listNotifications = () =>
      database.handle.db
        .select({ name: jobOutbox.name, data: jobOutbox.data })
        .from(jobOutbox)
        .where(eq(jobOutbox.queue, 'notifications'));

    async function readDocument(documentId: string) {
      return request(platform.url)
        .get(`/api/documents/${documentId}`)
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    }

    it('analyses a raw upload and adds the results and SVG to the order', async () => {
      const order = await newOrder();
      const bytes = buildEllipseFile(['DBL=18.00', 'HBOX=50.00;50.00']);

      const response = await uploadRaw(order.id, bytes);

      expect(response.status).toBe(202);
      expect(response.body.queue).toBe('oma');
      const job = await waitForJob(response.body.jobId);
      expect(job).toMatchObject({ state: 'completed', store });

      const upload = await readUpload(order.id);
      expect(upload).toMatchObject({
        uploadId: response.body.uploadId,
        jobId: response.body.jobId,
        status: 'complete',
        formats: [1],
        sizeBytes: bytes.length,
        reason: null,
      });
      for (const eye of [upload.eyes.right, upload.eyes.left]) {
        expect(eye?.pointCount).toBe(360);
        expect(eye?.hboxMm).toBeCloseTo(50, 1);
        expect(eye?.vboxMm).toBeCloseTo(35, 1);
        expect(eye?.declared.HBOX?.value).toBe(50);
      }
      expect(upload.frame.dblMm).toBe(18);
      expect(upload.frame.framePdMm).toBeCloseTo(68, 1);
      expect(upload.comparisons.every((item) => item.agrees)).toBe(true);

      expect(await listNotifications()).toContainEqual({
        name: 'pdf-ready',
        data: { userId: tenant.staff.id, documentId: upload.previewDocumentId },
      });

      const svg = await readDocument(upload.previewDocumentId!);
      expect(svg.status).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect((svg.body as Buffer).toString('utf8')).toMatch(/<svg[\s>]/);
      const stored = path.join(
        platform.uploadsDir,
        'oma',
        tenant.company.id,
        `${upload.uploadId}.oma`,
      );
      expect(await readFile(stored)).toEqual(bytes);
    });

    it('accepts a multipart upload of a packed binary trace for both eyes', async () => {
      const order = await newOrder();
      const radii = createRoundedRectangleRadii(400, 52, 36, 9);
      const bytes = buildOmaFile([
        'VEN=TST',
        'TRCFMT=4;400;E;B;F',
        encodeBinaryRecord(encodePackedBinary(radii)),
      ]);

      const response = await uploadForm(order.id, bytes, 'frame 42.oma');

      expect(response.status).toBe(202);
      expect(await waitForJob(response.body.jobId)).toMatchObject({
        state: 'completed',
      });
      const upload = await readUpload(order.id);
      expect(upload.status).toBe('complete');
      expect(upload.formats).toEqual([4]);
      expect(upload.originalFileName).toBe('frame 42.oma');
      expect(upload.producer?.vendor).toBe('TST');
      expect(upload.eyes.right?.hboxMm).toBeCloseTo(52, 1);
      expect(upload.eyes.left?.hboxMm).toBeCloseTo(52, 1);
      expect(upload.previewDocumentId).not.toBeNull();
    });

    it('fails an unreadable file once, naming the line and record', async () => {
      const order = await newOrder();
      const radii = createEllipseRadii(360, 25, 17.5).slice(0, 358);
      const bytes = buildOmaFile([
        'JOB=T-2',
        'TRCFMT=1;360;E;R;F',
        ...encodeAsciiRecords('R', radii),
      ]);

      const response = await uploadRaw(order.id, bytes);

      expect(response.status).toBe(202);
      const job = await waitForJob(response.body.jobId);
      expect(job.state).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toBe(
        'line 38, record R: TRCFMT on line 2 declares 360 radii but 358 ' +
          'were found',
      );
      const upload = await readUpload(order.id);
      expect(upload).toMatchObject({
        status: 'invalid',
        reason: job.failedReason,
        reasonLine: 38,
        reasonRecord: 'R',
        previewDocumentId: null,
        eyes: { right: null, left: null },
      });
      expect(await listNotifications()).toContainEqual({
        name: 'job-failed',
        data: {
          userId: tenant.staff.id,
          queue: 'oma',
          jobName: 'analyse-tracer-file',
          jobId: response.body.jobId,
        },
      });
    });

    it('answers 413 for a file over the limit and stores nothing', async () => {
      const order = await newOrder();
      const tooLarge = Buffer.alloc(OMA_MAX_FILE_BYTES + 1, 'R=2500;');

      const raw = await uploadRaw(order.id, tooLarge);
      const form = await uploadForm(order.id, tooLarge, 'huge.oma');

      for (const response of [raw, form]) {
        expect(response.status).toBe(413);
        expect(response.body.error.code).toBe('payload_too_large');
        expect(response.body.error.message).toContain(
          `limit of ${OMA_MAX_FILE_BYTES} bytes`,
        );
      }
      expect((await getResults(order.id)).body.uploads).toEqual([]);
    });

    it('answers 400 when the request carries no file', async () => {
      const order = await newOrder();

      const empty = await uploadRaw(order.id, Buffer.alloc(0));
      const fieldOnly = await request(platform.url)
        .post(`/api/orders/${order.id}/oma`)
        .set('Authorization', `Bearer ${token}`)
        .field('note', 'no file here');
      const wrongField = await request(platform.url)
        .post(`/api/orders/${order.id}/oma`)
        .set('Authorization', `Bearer ${token}`)
        .attach('shape', buildEllipseFile(), 'shape.oma');

      for (const response of [empty, fieldOnly, wrongField]) {
        expect(response.status).toBe(400);
        expect(response.body.error.message).toContain('"file"');
      }
      expect((await getResults(order.id)).body.uploads).toEqual([]);
    });

    it("answers 404 for another company's order and stores nothing", async () => {
      const order = await newOrder();

      const upload = await uploadRaw(order.id, buildEllipseFile(), otherToken);
      const results = await getResults(order.id, otherToken);

      expect(upload.status).toBe(404);
      expect(results.status).toBe(404);
      expect((await getResults(order.id)).body.uploads).toEqual([]);
    });

    it('queues ids only: the job data carries no file content', async () => {
      const order = await newOrder();

      const response = await uploadRaw(order.id, buildEllipseFile());

      const [row] = await database.handle.db
        .select()
        .from(jobOutbox)
        .where(eq(jobOutbox.id, response.body.jobId));
      expect(row?.data).toEqual({
        orderId: order.id,
        uploadId: response.body.uploadId,
        requestedByUserId: tenant.staff.id,
      });
      await waitForJob(response.body.jobId);
    });

    describe.runIf(existsSync(CORPUS_FILE))('with the shared corpus', () => {
      it('reads a real tracer file uploaded to a seeded order', async () => {
        const order = await newOrder();
        const bytes = await readFile(CORPUS_FILE);

        const response = await uploadForm(order.id, bytes, 'lds.oma');

        expect(response.status).toBe(202);
        const job = await waitForJob(response.body.jobId);
        expect(job).toMatchObject({ state: 'completed', store });
        const upload = await readUpload(order.id);
        expect(upload.status).toBe('complete');
        expect(upload.eyes.right?.pointCount).toBe(1000);
        expect(upload.eyes.right?.hboxMm).toBeCloseTo(56.697, 2);
        expect(upload.eyes.left?.hboxMm).toBeCloseTo(56.731, 2);
        expect(upload.eyes.right?.circumference3dMm).toBeCloseTo(155.69, 1);
        const disagreements = upload.warnings.filter(
          (warning) => warning.kind === 'disagreement',
        );
        expect(disagreements.map((warning) => warning.record)).toEqual(['FPD']);
        const svg = await readDocument(upload.previewDocumentId!);
        expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      });
    });
  },
);
