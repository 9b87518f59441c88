import { and, eq, sql } from 'drizzle-orm';
import express from 'express';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAiProcessors,
  type QueueBriefingEmail,
} from '../../server/ai/createAiProcessors.js';
import { createOpenAiCompatibleProvider } from '../../server/ai/openAiCompatibleProvider.js';
import {
  companies,
  emailLog,
  jobOutbox,
  orders,
} from '../../server/db/schema.js';
import { dailyBriefings } from '../../server/db/schemas/insightsSchema.js';
import { addDays, localDateOf } from '../../server/insights/calendarDate.js';
import { insertOrderHistory } from '../../server/insights/insertOrderHistory.js';
import { synthesizeOrderHistory } from '../../server/insights/synthesizeOrderHistory.js';
import { getJobStatus } from '../../server/queue/jobStatus.js';
import { JobQueue } from '../../server/queue/jobQueue.js';
import { createErrorHandler } from '../../server/routes/errorHandler.js';
import { createInsightsRoutes } from '../../server/routes/insightsRoutes.js';
import {
  createTestOrder,
  seedTenant,
  type Tenant,
} from '../support/fixtures.js';
import {
  createTestConfig,
  UNREACHABLE_REDIS_URL,
} from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';
import {
  startFakeChatCompletions,
  type FakeChatCompletions,
} from './fakeChatCompletions.js';

const STORES = [
  { store: 'redis', redisUrl: undefined },
  { store: 'postgres', redisUrl: UNREACHABLE_REDIS_URL },
] as const;
const BERLIN = 'Europe/Berlin';
const DAY = '2026-03-30';

let database: TestDatabase;
let fake: FakeChatCompletions;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeChatCompletions();
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

async function berlinTenant(name: string): Promise<Tenant> {
  const tenant = await seedTenant(database.handle.db, name);
  await database.handle.db
    .update(companies)
    .set({ timeZone: BERLIN })
    .where(eq(companies.id, tenant.company.id));
  return tenant;
}

/** Orders of DAY in Berlin, one cancelled, one late, one on the day after. */
async function placeOrdersOfDay(tenant: Tenant) {
  const db = database.handle.db;
  const at = (iso: string) => new Date(iso);
  const placed = [];
  for (const createdAt of [
    '2026-03-29T22:30:00Z', // 00:30 on DAY in Berlin
    '2026-03-30T09:00:00Z',
    '2026-03-30T21:59:00Z', // 23:59 in Berlin
    '2026-03-30T22:00:00Z', // already the next day there
    '2026-03-30T10:00:00Z',
  ]) {
    const order = await createTestOrder(db, tenant);
    await db
      .update(orders)
      .set({ createdAt: at(createdAt) })
      .where(eq(orders.id, order.id));
    placed.push(order);
  }
  await db
    .update(orders)
    .set({ status: 'cancelled' })
    .where(eq(orders.id, placed[4]!.id));
  await db
    .update(orders)
    .set({ dueAt: at('2026-03-30T12:00:00Z') })
    .where(eq(orders.id, placed[1]!.id));
  await db.insert(emailLog).values({
    jobId: crypto.randomUUID(),
    companyId: tenant.company.id,
    type: 'order-confirmation',
    recipient: 'nobody@example.test',
    status: 'failed',
    createdAt: at('2026-03-30T11:00:00Z'),
  });
  return placed;
}

describe.each(STORES)(
  'ai worker on the $store store',
  ({ store, redisUrl }) => {
    let jobQueue: JobQueue | undefined;

    async function startQueue(useRemote = false) {
      const config = createTestConfig(redisUrl ? { REDIS_URL: redisUrl } : {});
      const holder: { queue?: JobQueue } = {};
      const queueBriefingEmail: QueueBriefingEmail = (
        userId,
        companyId,
        date,
        { tx },
      ) =>
        holder
          .queue!.enqueue(
            'emails',
            'daily-briefing',
            { userId, companyId, date },
            { tx },
          )
          .then((result) => result.id);
      const processors = createAiProcessors({
        db: database.handle.db,
        queueBriefingEmail,
        remoteNarrative: useRemote
          ? createOpenAiCompatibleProvider({
              baseUrl: fake.baseUrl,
              apiKey: 'test-key-456',
              model: 'test-model',
              timeoutMs: 300,
            })
          : undefined,
      });
      jobQueue = new JobQueue({
        config,
        database: database.handle,
        databaseUrl: database.url,
        logger: createTestLogger(),
        processors: { ai: processors as never },
      });
      holder.queue = jobQueue;
      await jobQueue.start();
      return jobQueue;
    }

    async function runToCompletion(
      queue: JobQueue,
      name: string,
      data: object,
    ) {
      const { id } = await queue.enqueue('ai', name, { ...data });
      return waitFor(async () => {
        const status = await getJobStatus(database.handle.db, queue, 'ai', id);
        return status?.state === 'completed' && status;
      });
    }

    afterEach(async () => {
      await jobQueue?.close();
      jobQueue = undefined;
    });

    it('stores facts that match the orders of the day and queues the email', async () => {
      const tenant = await berlinTenant(`Briefing ${store}`);
      const placed = await placeOrdersOfDay(tenant);
      const queue = await startQueue();
      const status = await runToCompletion(queue, 'daily-briefing', {
        companyId: tenant.company.id,
        date: DAY,
      });

      expect(status.store).toBe(store);
      expect(status.result).toMatchObject({
        provider: 'local',
        emailsQueued: 1,
      });
      const briefing = (
        await database.handle.db
          .select()
          .from(dailyBriefings)
          .where(eq(dailyBriefings.companyId, tenant.company.id))
      )[0]!;
      expect(briefing.facts).toMatchObject({
        date: DAY,
        orderCount: 3,
        revenue: [{ currency: 'EUR', amountCents: 3 * 11950 }],
        lateOrders: { count: 1, orderNumbers: [placed[1]!.orderNumber] },
        failedJobs: { emails: 1, undispatched: 0 },
        busiestProducts: [
          { description: 'Anti-reflective coating', orders: 3, quantity: 6 },
          { description: 'Single vision lenses, pair', orders: 3, quantity: 3 },
        ],
      });
      expect(briefing.emailedAt).not.toBeNull();
      const emails = await database.handle.db
        .select()
        .from(jobOutbox)
        .where(
          and(
            eq(jobOutbox.queue, 'emails'),
            eq(jobOutbox.companyId, tenant.company.id),
          ),
        );
      expect(emails.map((row) => row.data)).toEqual([
        { userId: tenant.admin.id, companyId: tenant.company.id, date: DAY },
      ]);
    });

    it('falls back to the local narrative when the provider hangs', async () => {
      const tenant = await berlinTenant(`Hang ${store}`);
      fake.setMode({ kind: 'hang' });
      const queue = await startQueue(true);
      const status = await runToCompletion(queue, 'daily-briefing', {
        companyId: tenant.company.id,
        date: DAY,
      });

      // Completed on its first attempt: a hanging provider costs no retry.
      expect(status.attemptsMade).toBe(1);
      expect(status.result).toMatchObject({
        provider: 'local',
        fallbackReason: 'timeout',
      });
    });

    it('gives a company without orders a clear empty forecast', async () => {
      const tenant = await berlinTenant(`Empty ${store}`);
      const queue = await startQueue();
      await runToCompletion(queue, 'demand-forecast', {
        companyId: tenant.company.id,
        asOfDate: DAY,
      });

      const response = await request(insightsApp(tenant)).get(
        '/api/insights/forecasts',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        emptyReason: 'no_orders',
        forecast: { asOfDate: DAY, productLines: [], skipped: [] },
      });
    });
  },
);

/** The insights routes behind a stand-in for authentication. */
function insightsApp(tenant: Tenant) {
  const app = express();
  app.use((req, _res, next) => {
    req.user = {
      id: tenant.admin.id,
      companyId: tenant.company.id,
      role: 'company_admin',
    };
    next();
  });
  app.use('/api/insights', createInsightsRoutes(database.handle.db));
  app.use(createErrorHandler(createTestLogger()));
  return app;
}

describe('insights routes', () => {
  it('forecasts every product line of months of weekly orders', async () => {
    const tenant = await berlinTenant('History');
    const asOfDate = addDays(localDateOf(new Date(), BERLIN), -1);
    await insertOrderHistory(
      database.handle.db,
      {
        companyId: tenant.company.id,
        patientId: tenant.patient.id,
        createdByUserId: tenant.staff.id,
        timeZone: BERLIN,
      },
      synthesizeOrderHistory({ endDate: asOfDate, days: 100, seed: 7 }),
    );
    const processors = createAiProcessors({
      db: database.handle.db,
      queueBriefingEmail: async () => 'unused',
    });
    await processors['demand-forecast'](
      { companyId: tenant.company.id, asOfDate },
      { logger: createTestLogger() } as never,
    );

    const response = await request(insightsApp(tenant)).get(
      '/api/insights/forecasts',
    );
    const lines = response.body.forecast.productLines as {
      points: unknown[];
      backtest: { mapePercent: number };
    }[];
    expect(response.body.emptyReason).toBeNull();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.every((line) => line.points.length === 14)).toBe(true);
    const count = await database.handle.db.execute<{ n: number }>(
      sql`select count(*)::int as n from orders where company_id = ${tenant.company.id}`,
    );
    expect(count.rows[0]!.n).toBeGreaterThan(300);
  });

  it('answers 404 for a day without a briefing and 400 for a bad date', async () => {
    const tenant = await berlinTenant('Routes');
    const app = insightsApp(tenant);
    const missing = await request(app).get(
      '/api/insights/briefings/2026-01-01',
    );
    const bad = await request(app).get('/api/insights/briefings/yesterday');
    expect(missing.status).toBe(404);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
