import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.js';
import { emailLog } from '../../server/db/schema.js';
import { createEmailProcessors } from '../../server/email/createEmailProcessors.js';
import { createEmailTransport } from '../../server/email/createEmailTransport.js';
import type { EmailTransport } from '../../server/email/emailTransport.js';
import { AppError } from '../../server/errors/appError.js';
import { startFakeResend, type FakeResend } from '../support/fakeResend.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createRecordingTransport } from './createRecordingTransport.js';
import { createTestJobContext } from './createTestJobContext.js';

const FROM = 'IntegratedLens <noreply@example.test>';
const SILENT = pino({ level: 'silent' });

describe('deliverEmailOnce', () => {
  let database: TestDatabase;
  let db: Database;
  let tenant: Tenant;
  let fake: FakeResend;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    tenant = await seedTenant(db);
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake.close();
    await database.drop();
  });

  function processorsWith(transport: EmailTransport) {
    return createEmailProcessors({
      db,
      transport,
      from: FROM,
      publicBaseUrl: 'https://app.example.test',
    });
  }

  async function confirmOrder(
    transport: EmailTransport,
    context = createTestJobContext('order-confirmation'),
  ) {
    const order = await createTestOrder(db, tenant);
    const data = { orderId: order.id, userId: tenant.staff.id };
    const process = processorsWith(transport)['order-confirmation'];
    return { order, context, run: () => process(data, context) };
  }

  async function findLog(jobId: string) {
    const [row] = await db
      .select()
      .from(emailLog)
      .where(eq(emailLog.jobId, jobId));
    return row;
  }

  it('skips sending when the job was already delivered', async () => {
    const transport = createRecordingTransport();
    const { run } = await confirmOrder(transport);

    const first = await run();
    const second = await run();

    expect(transport.sent).toHaveLength(1);
    expect(second).toEqual({
      transport: 'mailbox',
      messageId: first.messageId,
      skipped: true,
    });
  });

  it('sends when an earlier attempt failed in a way a retry can fix', async () => {
    const transport = createRecordingTransport();
    const { run, context } = await confirmOrder(transport);
    transport.failNextWith(new Error('socket hang up'));

    await expect(run()).rejects.toThrow('socket hang up');
    await run();

    expect(transport.sent).toHaveLength(1);
    expect(await findLog(context.jobId)).toMatchObject({ status: 'captured' });
  });

  it('logs the reason and rethrows when the provider rejects', async () => {
    const transport = createRecordingTransport();
    const { run, context } = await confirmOrder(transport);
    const rejection = new AppError(
      'email_rejected',
      'Resend rejected the email: Invalid `to` field.',
      { httpStatus: 422 },
    );
    transport.failNextWith(rejection);

    await expect(run()).rejects.toBe(rejection);

    expect(await findLog(context.jobId)).toMatchObject({
      status: 'failed',
      error: 'Resend rejected the email: Invalid `to` field.',
      recipient: tenant.staff.email,
    });
  });

  it('sends through Resend once when a 500 is retried', async () => {
    const transport = createEmailTransport(
      {
        email: {
          resendApiKey: 're_test',
          resendBaseUrl: fake.baseUrl,
          from: FROM,
        },
        uploadsDir: 'unused',
      },
      SILENT,
    );
    const { run, context } = await confirmOrder(transport);
    fake.answerNext({ kind: 'server_error' });

    await expect(run()).rejects.toMatchObject({ retryable: true });
    const result = await run();
    await run();

    const key = `order-confirmation:${context.jobId}`;
    expect(fake.countRequestsByIdempotencyKey().get(key)).toBe(2);
    expect(fake.deliveries().map((request) => request.idempotencyKey)).toEqual([
      key,
    ]);
    expect(result).toMatchObject({ transport: 'resend', skipped: false });
    expect(await findLog(context.jobId)).toMatchObject({
      status: 'sent',
      providerMessageId: fake.deliveries()[0]?.messageId,
    });
  });

  it('writes the mailbox file when no API key is configured', async () => {
    const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-uploads-'));
    const transport = createEmailTransport(
      {
        email: {
          resendApiKey: undefined,
          resendBaseUrl: undefined,
          from: FROM,
        },
        uploadsDir,
      },
      SILENT,
    );
    const { run, order, context } = await confirmOrder(transport);

    await run();

    const files = await readdir(path.join(uploadsDir, 'emails'));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(uploadsDir, 'emails', files[0]!));
    expect(eml.toString('utf8')).toContain(`Order ${order.orderNumber}`);
    expect(await findLog(context.jobId)).toMatchObject({ status: 'captured' });
    await rm(uploadsDir, { recursive: true, force: true });
  });
});
