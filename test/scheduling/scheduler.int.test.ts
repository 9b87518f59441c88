import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { companies, jobOutbox } from '../../server/db/schema.js';
import { scheduledRuns } from '../../server/db/schemas/insightsSchema.js';
import { JobQueue } from '../../server/queue/jobQueue.js';
import {
  createScheduledProcessors,
  type FireResult,
} from '../../server/scheduling/createScheduledProcessors.js';
import {
  buildPlatformSchedules,
  type ScheduleDefinition,
} from '../../server/scheduling/scheduleDefinitions.js';
import { createScheduleSync } from '../../server/scheduling/scheduleSync.js';
import { sweepRetention } from '../../server/scheduling/sweepRetention.js';
import { syncStoreSchedulers } from '../../server/scheduling/syncStoreSchedulers.js';
import type { JobContext } from '../../server/workers/jobProcessor.js';
import { createTestJobContext } from '../email/createTestJobContext.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import { findFreePort } from '../support/freePort.js';
import { startRedisServer } from '../support/redisServer.js';
import { createTestConfig } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';

const EVERY_SECOND = '* * * * * *';
const BERLIN = 'Europe/Berlin';

let database: TestDatabase;
let tenant: Tenant;
let uploadsDir: string;
const queues: JobQueue[] = [];

function briefingDefinition(pattern: string, timeZone: string) {
  const [briefing] = buildPlatformSchedules([
    { id: tenant.company.id, timeZone },
  ]);
  return { ...briefing!, pattern };
}

/** A JobQueue with the scheduled worker, as one server process runs it. */
async function startInstance(
  overrides: Record<string, string>,
  fired: FireResult[] = [],
) {
  const config = createTestConfig(overrides);
  const logger = createTestLogger();
  const holder: { queue?: JobQueue } = {};
  const processors = createScheduledProcessors({
    db: database.handle.db,
    jobQueue: () => holder.queue!,
    sweep: () =>
      sweepRetention({
        db: database.handle.db,
        uploadsDir,
        retention: config.retention,
        logger,
      }),
  });
  const queue = new JobQueue({
    config,
    database: database.handle,
    databaseUrl: database.url,
    logger,
    processors: {
      scheduled: {
        ...processors,
        'fire-schedule': async (data: never, context: JobContext) => {
          const result = await processors['fire-schedule'](data, context);
          fired.push(result);
          return result;
        },
      } as never,
    },
  });
  holder.queue = queue;
  queues.push(queue);
  await queue.start();
  return queue;
}

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await seedTenant(database.handle.db);
  await database.handle.db
    .update(companies)
    .set({ timeZone: BERLIN })
    .where(eq(companies.id, tenant.company.id));
  uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-schedules-'));
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
});
afterAll(() => database.drop());

describe('scheduler sync', () => {
  it('replaces a changed schedule on both stores instead of adding one', async () => {
    const queue = await startInstance({});
    for (const store of [queue.postgresStore, queue.redisStore]) {
      const scheduled = store.queue('scheduled');
      await syncStoreSchedulers(scheduled, [
        briefingDefinition('0 7 * * *', 'UTC'),
      ]);
      const again = await syncStoreSchedulers(scheduled, [
        briefingDefinition('0 7 * * *', 'UTC'),
      ]);
      const moved = await syncStoreSchedulers(scheduled, [
        briefingDefinition('0 7 * * *', BERLIN),
      ]);

      expect(again).toMatchObject({ added: 0, replaced: 0, unchanged: 1 });
      expect(moved).toMatchObject({ added: 0, replaced: 1 });
      const schedulers = await scheduled.getJobSchedulers(0, -1);
      expect(schedulers.map((s) => [s.key, s.tz])).toEqual([
        [`daily-briefing:${tenant.company.id}`, BERLIN],
      ]);

      // The company is gone: its briefing goes with it.
      const gone = await syncStoreSchedulers(scheduled, []);
      expect(gone.removed).toBe(1);
      expect(await scheduled.getJobSchedulers(0, -1)).toEqual([]);
    }
  });

  it('syncs Redis when it comes up after a start without it', async () => {
    const port = await findFreePort();
    const queue = await startInstance({
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    const definitions = [briefingDefinition('0 7 * * *', BERLIN)];
    const sync = createScheduleSync({
      jobQueue: queue,
      logger: createTestLogger(),
      loadDefinitions: async () => definitions,
    });
    await sync.start();
    expect(
      await queue.postgresStore.queue('scheduled').getJobSchedulersCount(),
    ).toBe(1);

    const redis = await startRedisServer({ port });
    try {
      await waitFor(
        async () =>
          (await queue.redisStore
            .queue('scheduled')
            .getJobSchedulersCount()) === 1,
        { what: 'the Redis schedulers' },
      );
    } finally {
      await sync.stop();
      await queue.close();
      queues.splice(queues.indexOf(queue), 1);
      await redis.stop();
    }
  });
});

describe('two processes on both stores', () => {
  it('does each period once however many ticks fire', async () => {
    const prefix = `test-${randomUUID().slice(0, 8)}`;
    const fired: FireResult[] = [];
    const first = await startInstance({ QUEUE_PREFIX: prefix }, fired);
    const second = await startInstance({ QUEUE_PREFIX: prefix }, fired);
    const definitions: ScheduleDefinition[] = [
      briefingDefinition(EVERY_SECOND, BERLIN),
      {
        id: 'retention-sweep',
        pattern: EVERY_SECOND,
        timeZone: 'UTC',
        fire: { schedule: 'retention-sweep' },
      },
    ];
    for (const queue of [first, second]) {
      await createScheduleSync({
        jobQueue: queue,
        logger: createTestLogger(),
        loadDefinitions: async () => definitions,
      }).syncAll();
    }

    const completedOn = async (queue: JobQueue, store: 'redis' | 'postgres') =>
      (await queue.store(store).getCounts('scheduled')).completed;
    await waitFor(
      async () =>
        (await completedOn(first, 'redis')) >= 4 &&
        (await completedOn(first, 'postgres')) >= 4,
      { what: 'ticks on both stores' },
    );
    for (const queue of [first, second]) {
      for (const store of [queue.postgresStore, queue.redisStore]) {
        await store.queue('scheduled').removeJobScheduler('retention-sweep');
        await store.queue('scheduled').removeJobScheduler(definitions[0]!.id);
      }
    }

    const runs = await database.handle.db.select().from(scheduledRuns);
    const claimed = fired.filter((result) => result.claimed);
    expect(fired.length).toBeGreaterThan(claimed.length);
    expect(claimed).toHaveLength(runs.length);
    const briefingJobs = await database.handle.db
      .select()
      .from(jobOutbox)
      .where(sql`${jobOutbox.queue} = 'ai'`);
    const briefingRuns = runs.filter((run) =>
      run.scheduleId.startsWith('daily-briefing:'),
    );
    expect(briefingJobs).toHaveLength(briefingRuns.length);
    expect(briefingJobs[0]!.companyId).toBe(tenant.company.id);
  });
});

describe('claiming a period', () => {
  it('lets one tick per Berlin day through across the spring change', async () => {
    const queue = await startInstance({});
    const processors = createScheduledProcessors({
      db: database.handle.db,
      jobQueue: () => queue,
      sweep: async () => {
        throw new Error('not in this test');
      },
    });
    const fire = {
      schedule: 'daily-briefing' as const,
      companyId: tenant.company.id,
      timeZone: BERLIN,
    };
    const tick = (iso: string) =>
      processors['fire-schedule'](
        fire,
        createTestJobContext('fire-schedule', {
          jobId: `repeat:daily-briefing:${tenant.company.id}:${Date.parse(iso)}`,
        }),
      );

    const results = [];
    for (const at of [
      '2026-03-28T06:00:00Z', // Saturday 07:00 CET
      '2026-03-29T05:00:00Z', // Sunday 07:00 CEST, the day clocks change
      '2026-03-29T06:00:00Z', // the other store, still on the old offset
      '2026-03-30T05:00:00Z', // Monday 07:00 CEST
    ]) {
      results.push(await tick(at));
    }

    expect(results.map((result) => result.claimed)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    const dates = await database.handle.db.execute<{ date: string }>(sql`
      select data ->> 'date' as date from job_outbox
       where queue = 'ai' and data ->> 'date' like '2026-03-%'
       order by 1`);
    expect(dates.rows.map((row) => row.date)).toEqual([
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
  });
});
