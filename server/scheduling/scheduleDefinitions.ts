import type { ScheduleFire } from '../../shared/jobs/scheduledJobs.js';
import { isKnownTimeZone } from '../insights/calendarDate.js';

/** Name of the job each scheduler tick adds to the scheduled queue. */
export const FIRE_JOB_NAME = 'fire-schedule';

/** Cron patterns (minute hour day month weekday) of the platform. */
export const SCHEDULE_PATTERNS = {
  /** 07:00 in the company's own time zone. */
  dailyBriefing: '0 7 * * *',
  /** 02:30 UTC, after every European day has ended. */
  demandForecast: '30 2 * * *',
  /** A quarter past every hour, away from the full-hour briefings. */
  retentionSweep: '15 * * * *',
} as const;

/** One BullMQ job scheduler, as both stores should hold it. */
export interface ScheduleDefinition {
  /** The scheduler id: stable, so an upsert replaces instead of adding. */
  id: string;
  pattern: string;
  timeZone: string;
  fire: ScheduleFire;
}

/** The scheduler id that belongs to a tick's data. */
export function scheduleIdOf(fire: ScheduleFire): string {
  return fire.schedule === 'daily-briefing'
    ? `daily-briefing:${fire.companyId}`
    : fire.schedule;
}

/**
 * Every schedule the platform runs: one briefing per company, one nightly
 * forecast and one hourly sweep. A company whose time zone the runtime
 * does not know gets its briefing at 07:00 UTC rather than none.
 */
export function buildPlatformSchedules(
  companies: readonly { id: string; timeZone: string }[],
): ScheduleDefinition[] {
  const briefings = companies.map((company): ScheduleDefinition => {
    const timeZone = isKnownTimeZone(company.timeZone)
      ? company.timeZone
      : 'UTC';
    const fire: ScheduleFire = {
      schedule: 'daily-briefing',
      companyId: company.id,
      timeZone,
    };
    return {
      id: scheduleIdOf(fire),
      pattern: SCHEDULE_PATTERNS.dailyBriefing,
      timeZone,
      fire,
    };
  });
  return [
    ...briefings,
    {
      id: 'demand-forecast',
      pattern: SCHEDULE_PATTERNS.demandForecast,
      timeZone: 'UTC',
      fire: { schedule: 'demand-forecast' },
    },
    {
      id: 'retention-sweep',
      pattern: SCHEDULE_PATTERNS.retentionSweep,
      timeZone: 'UTC',
      fire: { schedule: 'retention-sweep' },
    },
  ];
}
