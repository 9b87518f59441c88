import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, patients, users } from '../../server/db/schema.js';
import { startFakeResend, type FakeResend } from '../support/fakeResend.js';
import { waitFor } from '../support/waitFor.js';
import {
  startSecurityPlatform,
  type SecurityPlatform,
} from './securityPlatform.js';

// Values that must never reach a log line, chosen so that no other text
// could contain them by chance.
const RESEND_API_KEY = 're_logcheck_5b1f0c9e7d2a4e8f';
const PATIENT = { firstName: 'Zoltanne', lastName: 'Quibbleworth' };
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let fake: FakeResend;
let security: SecurityPlatform;
let staff: { token: string; email: string };

beforeAll(async () => {
  fake = await startFakeResend();
  // A plain logger at debug, without the production redaction list: the
  // test proves the values are never handed to the logger at all.
  const logger = pino({ level: 'debug' }, capture);
  security = await startSecurityPlatform(
    {
      RUN_WORKERS: 'true',
      WORKER_QUEUES: 'emails,pdfs',
      RESEND_API_KEY,
      RESEND_BASE_URL: fake.baseUrl,
      LOG_LEVEL: 'debug',
    },
    logger,
  );
  const { tenant, callers } = security.home;
  await security.db
    .update(patients)
    .set(PATIENT)
    .where(eq(patients.id, tenant.patient.id));
  const [user] = await security.db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, callers.staff.userId));
  staff = { token: callers.staff.token, email: user!.email };
});

afterAll(async () => {
  await security?.close();
  await fake?.close();
});

describe('logs of a full order flow at debug level', () => {
  it('hold no API key, token, email address or patient name', async () => {
    const api = () => request(security.url);
    const auth = `Bearer ${staff.token}`;
    const created = await api()
      .post('/api/orders')
      .set('Authorization', auth)
      .send({
        patientId: security.home.tenant.patient.id,
        items: [{ description: 'Lenses', quantity: 1, unitPrice: 50 }],
      })
      .expect(201);
    const orderId = created.body.order.id as string;

    const document = await waitFor(
      async () =>
        (
          await security.db
            .select({ id: documents.id })
            .from(documents)
            .where(eq(documents.orderId, orderId))
        )[0],
      { timeoutMs: 60_000, what: 'the order sheet' },
    );
    await waitFor(() => fake.deliveries().length > 0, { what: 'the email' });
    await api()
      .get(`/api/documents/${document.id}`)
      .set('Authorization', auth)
      .expect(200);
    await api().get('/api/orders/x').set('Authorization', 'Bearer il_wrong');

    // The flow really ran with these values.
    expect(fake.requests[0]!.authorization).toBe(`Bearer ${RESEND_API_KEY}`);
    expect(JSON.stringify(fake.requests[0]!.body)).toContain(staff.email);
    expect(lines.length).toBeGreaterThan(5);

    const leaks = lines.filter(
      (line) =>
        line.includes(RESEND_API_KEY) ||
        line.includes(staff.token) ||
        line.includes('il_wrong') ||
        EMAIL_ADDRESS.test(line) ||
        line.includes(PATIENT.firstName) ||
        line.includes(PATIENT.lastName),
    );
    expect(leaks).toEqual([]);
  });
});
