import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../server/db/schema.js';
import { createLogger } from '../../server/logger.js';
import { startPlatform, type Platform } from '../../server/platform.js';
import { startFakeResend, type FakeResend } from '../support/fakeResend.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import { createTestConfig } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { issueTestToken } from '../support/testPlatform.js';
import { waitFor } from '../support/waitFor.js';
import { ROOMY_RATE_LIMITS } from './adminSession.js';

const RESEND_API_KEY = 're_secret_value_that_must_not_be_logged';
const PATIENT = { firstName: 'Philippa', lastName: 'Quennell-Ashdown' };

describe('logs of a request and the jobs it adds', () => {
  let database: TestDatabase;
  let platform: Platform;
  let resend: FakeResend;
  let tenant: Tenant;
  let uploadsDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    await database.handle.db
      .update(patients)
      .set(PATIENT)
      .where(eq(patients.id, tenant.patient.id));
    resend = await startFakeResend();
    uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-logs-'));
    const config = createTestConfig({
      ...ROOMY_RATE_LIMITS,
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: '0',
      UPLOADS_DIR: uploadsDir,
      RESEND_API_KEY,
      RESEND_BASE_URL: resend.baseUrl,
    });
    const logger = createLogger({
      level: 'debug',
      pretty: false,
      destination: { write: (line: string) => void lines.push(line) },
    });
    platform = await startPlatform({ config, logger, http: true });
  });
  afterAll(async () => {
    await platform?.close();
    await resend?.close();
    await database?.drop();
    if (uploadsDir) await rm(uploadsDir, { recursive: true, force: true });
  });

  it('carries the request id into job lines and leaks no secret', async () => {
    const token = await issueTestToken(database.handle.db, tenant.staff.id);
    const requestId = 'req-logs-0123456789';
    const response = await fetch(`${platform.url}/api/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        patientId: tenant.patient.id,
        items: [{ description: 'Varifocal pair', quantity: 1, unitPrice: 240 }],
      }),
    });
    expect(response.status).toBe(201);
    const entries = await waitFor(() => {
      const parsed = lines.map((line) => JSON.parse(line));
      const done = parsed.filter((entry) => entry.msg === 'job.completed');
      return done.length === 2 && parsed;
    });

    const jobLines = entries.filter((entry) => entry.msg === 'job.completed');
    for (const entry of jobLines) {
      expect(entry).toMatchObject({ requestId, store: 'redis', attempt: 1 });
      expect(entry.queue).toMatch(/^(emails|pdfs)$/);
      expect(typeof entry.jobId).toBe('string');
      expect(typeof entry.jobName).toBe('string');
      expect(typeof entry.durationMs).toBe('number');
    }
    const requestLine = entries.find((e) => e.msg === 'request.completed');
    expect(requestLine).toMatchObject({ requestId, status: 201 });

    const everything = lines.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(RESEND_API_KEY);
    expect(everything).not.toContain(PATIENT.firstName);
    expect(everything).not.toContain(PATIENT.lastName);
    expect(everything).not.toContain(tenant.staff.email);
    expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});
