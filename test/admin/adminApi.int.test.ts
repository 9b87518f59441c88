import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../server/db/schema.js';
import { startFakeResend, type FakeResend } from '../support/fakeResend.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
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
import { ROOMY_RATE_LIMITS } from './adminSession.js';

interface JobView {
  id: string;
  name: string;
  queue: string;
  state: string;
  store: string | null;
  attemptsMade: number;
  progress: unknown;
  failedReason: string | null;
}

describe.each(TEST_STORES)(
  'admin API on the $store store',
  ({ store, env }) => {
    let database: TestDatabase;
    let platform: TestPlatform;
    let resend: FakeResend;
    let tenant: Tenant;
    const tokens = { platformAdmin: '', companyAdmin: '', otherAdmin: '' };

    async function api<T = Record<string, unknown>>(
      method: string,
      path: string,
      token: string,
      body?: unknown,
    ): Promise<{ status: number; body: T }> {
      const response = await fetch(`${platform.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as T };
    }

    async function placeOrder() {
      const { status, body } = await api<{
        order: { id: string };
        jobs: { confirmationEmailJobId: string; orderSheetJobId: string };
      }>('POST', '/api/orders', tokens.companyAdmin, {
        patientId: tenant.patient.id,
        items: [
          { description: 'Single vision pair', quantity: 1, unitPrice: 80 },
        ],
      });
      expect(status).toBe(201);
      return body;
    }

    /** No email or PDF job is waiting or running, so a scripted answer of
     * the fake provider goes to the next job and to no earlier one. */
    async function waitForIdleQueues() {
      await waitFor(async () => {
        const { body } = await api<
          Record<string, { waiting: number; active: number; delayed: number }>
        >('GET', '/api/admin/queue-stats', tokens.platformAdmin);
        return ['email', 'pdf'].every((key) => {
          const counts = body[key]!;
          return counts.waiting + counts.active + counts.delayed === 0;
        });
      });
    }

    function searchJobs(query: string, token = tokens.platformAdmin) {
      return api<{ jobs: JobView[]; nextCursor: string | null }>(
        'GET',
        `/api/admin/jobs?${query}`,
        token,
      );
    }

    beforeAll(async () => {
      database = await createTestDatabase();
      const db = database.handle.db;
      tenant = await seedTenant(db);
      const other = await seedTenant(db, 'Other Optics');
      const [operator] = await db
        .update(users)
        .set({ role: 'platform_admin' })
        .where(eq(users.id, other.staff.id))
        .returning();
      tokens.platformAdmin = await issueTestToken(db, operator!.id);
      tokens.companyAdmin = await issueTestToken(db, tenant.admin.id);
      tokens.otherAdmin = await issueTestToken(db, other.admin.id);
      resend = await startFakeResend();
      platform = await startTestPlatform(database.url, {
        ...env,
        ...ROOMY_RATE_LIMITS,
        RESEND_API_KEY: 're_test_admin_api_key',
        RESEND_BASE_URL: resend.baseUrl,
      });
    });
    afterAll(async () => {
      await platform?.stop();
      await resend?.close();
      await database?.drop();
    });

    it('finds an order’s email and PDF jobs by order id, with states', async () => {
      const { order, jobs } = await placeOrder();
      const found = await waitFor(async () => {
        const { body } = await searchJobs(`orderId=${order.id}`);
        const done = body.jobs.filter((job) => job.state === 'completed');
        return done.length === 2 && body.jobs;
      });

      expect(found.map((job) => [job.id, job.name]).sort()).toEqual(
        [
          [jobs.confirmationEmailJobId, 'order-confirmation'],
          [jobs.orderSheetJobId, 'order-sheet'],
        ].sort(),
      );
      expect(found.every((job) => job.store === store)).toBe(true);
      const sheet = found.find((job) => job.name === 'order-sheet')!;
      expect(sheet.progress).toEqual({ stage: 'stored' });
    });

    it('shows a PDF job’s progress through GET /api/jobs', async () => {
      const { jobs } = await placeOrder();
      const job = await waitFor(async () => {
        const { body } = await api<{ job: JobView }>(
          'GET',
          `/api/jobs/pdfs/${jobs.orderSheetJobId}`,
          tokens.companyAdmin,
        );
        return body.job.state === 'completed' && body.job;
      });
      expect(job.progress).toEqual({ stage: 'stored' });
    });

    it('keeps a company admin to the own company’s jobs', async () => {
      const { order } = await placeOrder();
      await waitFor(
        async () =>
          (await searchJobs(`orderId=${order.id}`)).body.jobs.length === 2,
      );

      const own = await searchJobs(`orderId=${order.id}`, tokens.companyAdmin);
      expect(own.body.jobs).toHaveLength(2);
      const foreign = await searchJobs(
        `orderId=${order.id}&companyId=${tenant.company.id}`,
        tokens.otherAdmin,
      );
      expect(foreign.status).toBe(200);
      expect(foreign.body.jobs).toEqual([]);
    });

    it('pages through results with a cursor', async () => {
      await placeOrder();
      const first = await searchJobs('queue=emails&limit=1');
      expect(first.body.jobs).toHaveLength(1);
      const second = await searchJobs(
        `queue=emails&limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.jobs).toHaveLength(1);
      expect(second.body.jobs[0]!.id).not.toBe(first.body.jobs[0]!.id);
    });

    it('answers 400 for a bad filter', async () => {
      const { status, body } = await searchJobs('orderId=nope&state=<b>');
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toContain('orderId');
    });

    it('retries a failed job in the store that holds it', async () => {
      await waitForIdleQueues();
      resend.answerNext({ kind: 'validation_error', message: 'Invalid `to`' });
      const { jobs } = await placeOrder();
      const id = jobs.confirmationEmailJobId;
      await waitFor(async () => {
        const { body } = await searchJobs(`state=failed&queue=emails`);
        return body.jobs.some((job) => job.id === id);
      });

      const retry = await api(
        'POST',
        `/api/admin/queues/emails/jobs/${id}/retry`,
        tokens.platformAdmin,
      );
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ store, previousState: 'failed' });
      const done = await waitFor(async () => {
        const { body } = await api<{ job: JobView }>(
          'GET',
          `/api/jobs/emails/${id}`,
          tokens.companyAdmin,
        );
        return body.job.state === 'completed' && body.job;
      });
      expect(done.store).toBe(store);
      const again = await api(
        'POST',
        `/api/admin/queues/emails/jobs/${id}/retry`,
        tokens.platformAdmin,
      );
      expect(again.status).toBe(409);
    });

    it('answers 404 for a job that does not exist', async () => {
      const missing = '00000000-0000-4000-8000-00000000abcd';
      const { status } = await api(
        'POST',
        `/api/admin/queues/pdfs/jobs/${missing}/retry`,
        tokens.platformAdmin,
      );
      expect(status).toBe(404);
    });

    it('retries every failed job of a queue', async () => {
      await waitForIdleQueues();
      resend.answerNext(
        { kind: 'validation_error' },
        { kind: 'validation_error' },
      );
      const placed = [await placeOrder(), await placeOrder()];
      const ids = placed.map(({ jobs }) => jobs.confirmationEmailJobId);
      await waitFor(async () => {
        const { body } = await searchJobs('state=failed&queue=emails');
        return ids.every((id) => body.jobs.some((job) => job.id === id));
      });

      const { status, body } = await api(
        'POST',
        '/api/admin/queues/emails/retry-failed',
        tokens.platformAdmin,
      );
      expect(status).toBe(200);
      expect(body.stores).toContainEqual({ store, ok: true, count: 2 });
      await waitFor(async () => {
        const { body: found } = await searchJobs(
          'queue=emails&state=completed&limit=100',
        );
        return ids.every((id) => found.jobs.some((job) => job.id === id));
      });
    });

    it('pauses and resumes a queue: jobs wait while paused', async () => {
      const paused = await api(
        'POST',
        '/api/admin/queues/pdfs/pause',
        tokens.platformAdmin,
      );
      expect(paused.status).toBe(200);
      const { jobs } = await placeOrder();
      const sheet = `/api/jobs/pdfs/${jobs.orderSheetJobId}`;
      await waitFor(async () => {
        const { body } = await api<{ job: JobView }>(
          'GET',
          sheet,
          tokens.companyAdmin,
        );
        return body.job.state === 'paused' || body.job.state === 'waiting';
      });

      await api('POST', '/api/admin/queues/pdfs/resume', tokens.platformAdmin);
      await waitFor(async () => {
        const { body } = await api<{ job: JobView }>(
          'GET',
          sheet,
          tokens.companyAdmin,
        );
        return body.job.state === 'completed';
      });
    });

    it('cleans completed jobs and checks the clean body', async () => {
      const bad = await api(
        'POST',
        '/api/admin/queues/emails/clean',
        tokens.platformAdmin,
        { state: 'active', olderThanMs: 0 },
      );
      expect(bad.status).toBe(400);

      const { body } = await api<{
        stores: { store: string; count?: number }[];
      }>('POST', '/api/admin/queues/emails/clean', tokens.platformAdmin, {
        state: 'completed',
        olderThanMs: 0,
      });
      const here = body.stores.find((outcome) => outcome.store === store);
      expect(here?.count).toBeGreaterThan(0);
      const { body: after } = await searchJobs(
        'queue=emails&state=removed&limit=100',
      );
      expect(after.jobs.length).toBeGreaterThanOrEqual(here!.count!);
    });
  },
);
