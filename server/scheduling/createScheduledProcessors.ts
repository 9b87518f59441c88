import type {
  ScheduledJobData,
  ScheduleFire,
} from '../../shared/jobs/scheduledJobs.js';
import type { Database, Transaction } from '../db/client.js';
import { companies } from '../db/schema.js';
import { findCompany } from '../insights/briefingRepository.js';
import {
  addDays,
  isKnownTimeZone,
  localDateOf,
} from '../insights/calendarDate.js';
import type { JobQueue } from '../queue/jobQueue.js';
import type { JobProcessor } from '../workers/jobProcessor.js';
import { scheduleIdOf } from './scheduleDefinitions.js';
import { periodStartOf, readFireTime } from './schedulePeriod.js';
import { claimScheduledRun } from './scheduledRunRepository.js';
import type { RetentionSweepResult } from './sweepRetention.js';

export interface ScheduledProcessorDeps {
  db: Database;
  /** The queue to add the period's jobs to (read when a tick runs). */
  jobQueue: () => JobQueue;
  sweep: () => Promise<RetentionSweepResult>;
  /** Brings the schedulers in line with the companies, after a sweep. */
  syncSchedules?: () => Promise<void>;
  now?: () => Date;
}

/** What a tick did: whether it won its period, and the jobs it added. */
export interface FireResult {
  scheduleId: string;
  periodStart: string;
  claimed: boolean;
  jobIds: string[];
}

export interface ScheduledProcessors {
  'fire-schedule': JobProcessor<ScheduleFire, FireResult>;
  'retention-sweep': JobProcessor<
    ScheduledJobData<'retention-sweep'>,
    RetentionSweepResult
  >;
}

/** The day before the tick's local day: the last complete day there. */
function previousLocalDay(firedAt: Date, timeZone: string): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  return addDays(localDateOf(firedAt, zone), -1);
}

/**
 * The processors of the scheduled queue (concurrency 1). Both stores fire
 * every schedule, and a tick may run twice; the claim of (scheduler id,
 * period) in the same transaction as the jobs it adds makes exactly one
 * tick per period start the period's work. The work itself runs as
 * ordinary jobs through the outbox: ids, de-duplication, tenancy.
 */
export function createScheduledProcessors(
  deps: ScheduledProcessorDeps,
): ScheduledProcessors {
  const now = deps.now ?? (() => new Date());

  async function startPeriodWork(
    tx: Transaction,
    fire: ScheduleFire,
    firedAt: Date,
    periodStart: Date,
  ): Promise<string[]> {
    const enqueue = (
      queue: 'ai' | 'scheduled',
      name: string,
      data: Record<string, unknown>,
    ) =>
      deps
        .jobQueue()
        .enqueue(queue, name, data, { tx })
        .then((result) => result.id);

    switch (fire.schedule) {
      case 'daily-briefing': {
        // A company deleted since the sync: its scheduler goes at the next.
        if (!(await findCompany(tx, fire.companyId))) return [];
        const date = previousLocalDay(firedAt, fire.timeZone);
        return [
          await enqueue('ai', 'daily-briefing', {
            companyId: fire.companyId,
            date,
          }),
        ];
      }
      case 'demand-forecast': {
        const rows = await tx
          .select({ id: companies.id, timeZone: companies.timeZone })
          .from(companies);
        const ids: string[] = [];
        for (const company of rows) {
          const asOfDate = previousLocalDay(firedAt, company.timeZone);
          ids.push(
            await enqueue('ai', 'demand-forecast', {
              companyId: company.id,
              asOfDate,
            }),
          );
        }
        return ids;
      }
      case 'retention-sweep':
        return [
          await enqueue('scheduled', 'retention-sweep', {
            periodStart: periodStart.toISOString(),
          }),
        ];
    }
  }

  return {
    'fire-schedule': async (fire, context) => {
      const firedAt = readFireTime(context.jobId) ?? now();
      const scheduleId = scheduleIdOf(fire);
      const periodStart = periodStartOf(fire, firedAt);
      const result = await deps.db.transaction(async (tx) => {
        const claimed = await claimScheduledRun(tx, {
          scheduleId,
          periodStart,
          firedAt,
        });
        const jobIds = claimed
          ? await startPeriodWork(tx, fire, firedAt, periodStart)
          : [];
        return { claimed, jobIds };
      });
      context.logger.info(
        { scheduleId, periodStart, claimed: result.claimed },
        'schedule.fired',
      );
      return { scheduleId, periodStart: periodStart.toISOString(), ...result };
    },

    'retention-sweep': async () => {
      const swept = await deps.sweep();
      await deps.syncSchedules?.();
      return swept;
    },
  };
}
