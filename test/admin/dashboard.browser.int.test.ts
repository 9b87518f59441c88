import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../server/db/schema.js';
import { findBrowserPath } from '../../server/pdf/browserPath.js';
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
import { waitFor } from '../support/waitFor.js';
import { ROOMY_RATE_LIMITS } from './adminSession.js';

/**
 * The README's picture is refreshed only on request
 * (UPDATE_SCREENSHOTS=1), so that a test run leaves the tree unchanged.
 */
const SCREENSHOT =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join('docs', 'images', 'dashboard.png')
    : path.join(os.tmpdir(), `il-dashboard-${process.pid}.png`);
/** The dashboard renders after its first API call; a busy CI is slow. */
const UI_WAIT = { timeout: 15_000 };
const HTML_PROBE = '<img src=x onerror="window.__probeRan=true">';

describe('the queue dashboard in a browser', () => {
  let database: TestDatabase;
  let platform: TestPlatform;
  let resend: FakeResend;
  let browser: Browser;
  let page: Page;
  let tenant: Tenant;
  let adminToken: string;
  let staffToken: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.handle.db;
    tenant = await seedTenant(db);
    await db
      .update(users)
      .set({ role: 'platform_admin' })
      .where(eq(users.id, tenant.admin.id));
    adminToken = await issueTestToken(db, tenant.admin.id);
    staffToken = await issueTestToken(db, tenant.staff.id);
    resend = await startFakeResend();
    platform = await startTestPlatform(database.url, {
      ...ROOMY_RATE_LIMITS,
      RESEND_API_KEY: 're_test_dashboard',
      RESEND_BASE_URL: resend.baseUrl,
    });
    const lookup = findBrowserPath({});
    if (!lookup.found) throw new Error(lookup.problem);
    browser = await chromium.launch({
      executablePath: lookup.path,
      headless: true,
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The dashboard must work offline: anything off loopback is refused.
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      return hostname === '127.0.0.1' ? route.continue() : route.abort();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await resend?.close();
    await database?.drop();
  });

  async function placeOrder() {
    const response = await fetch(`${platform.url}/api/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${staffToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        patientId: tenant.patient.id,
        items: [
          { description: 'Single vision pair', quantity: 1, unitPrice: 90 },
        ],
      }),
    });
    const body = (await response.json()) as {
      jobs: { confirmationEmailJobId: string; orderSheetJobId: string };
    };
    return body.jobs;
  }

  async function jobState(queue: string, id: string): Promise<string> {
    const response = await fetch(`${platform.url}/api/jobs/${queue}/${id}`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    return ((await response.json()) as { job: { state: string } }).job.state;
  }

  it('logs in, shows twelve queues, retries a failed job', async () => {
    resend.answerNext({ kind: 'validation_error', message: 'Invalid `to`' });
    const { confirmationEmailJobId: failedId } = await placeOrder();
    await waitFor(
      async () => (await jobState('emails', failedId)) === 'failed',
    );
    await platform.jobQueue
      .store('postgres')
      .queue('scheduled')
      .add('html-probe', { note: HTML_PROBE }, { jobId: 'html-probe' });

    await page.goto(`${platform.url}/admin/login`);
    await page.getByLabel('API token').fill(adminToken);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin/queues');
    for (const store of ['redis', 'postgres']) {
      for (const queue of [
        'emails',
        'pdfs',
        'notifications',
        'ai',
        'oma',
        'scheduled',
      ]) {
        await expect
          .poll(() => page.getByText(`${queue} · ${store}`).count(), UI_WAIT)
          .toBeGreaterThan(0);
      }
    }
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    await page.goto(
      `${platform.url}/admin/queues/queue/redis:emails?status=failed`,
    );
    await page.getByText(failedId).waitFor();
    // The per-job retry is an unlabeled icon; "Retry all" asks to confirm.
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitFor(
      async () => (await jobState('emails', failedId)) === 'completed',
    );
  });

  it('shows job data with HTML as text', async () => {
    await page.goto(
      `${platform.url}/admin/queues/queue/postgres:scheduled/html-probe`,
    );
    await expect
      .poll(() => page.getByText(HTML_PROBE, { exact: false }).count(), UI_WAIT)
      .toBeGreaterThan(0);
    expect(
      await page.evaluate(
        () => (globalThis as { __probeRan?: boolean }).__probeRan,
      ),
    ).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('shows a PDF job’s progress stage in the dashboard', async () => {
    const { orderSheetJobId } = await placeOrder();
    await waitFor(
      async () => (await jobState('pdfs', orderSheetJobId)) === 'completed',
    );
    const response = await page.request.get(
      `${platform.url}/admin/queues/api/queues/redis:pdfs/${orderSheetJobId}`,
    );
    const body = (await response.json()) as { job: { progress: unknown } };
    expect(body.job.progress).toEqual({ stage: 'stored' });
  });
});
