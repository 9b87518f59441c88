import type { ScheduleFire } from '../../shared/jobs/scheduledJobs.js';
import { localDateOf } from '../insights/calendarDate.js';

const HOUR_MS = 60 * 60 * 1000;

/** How far `timeZone` is ahead of UTC at `instantMs`, in milliseconds. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const field = (type: string) =>
    Number(parts.find((part) => part.type === type)?.value);
  const wallClockAsUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wallClockAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a calendar day begins in `timeZone`. The offset is taken at
 * the answer itself, so a day that starts in summer time after a night in
 * winter time (or the reverse) still begins at its own local midnight.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const guess = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  return new Date(midnightUtc - zoneOffsetMs(guess, timeZone));
}

/**
 * The period a tick belongs to. Every tick of one period, from either
 * store or process, maps to the same instant, and only the first claims
 * it. Daily briefings use the local day of the schedule's own zone, so a
 * daylight-saving change (a 23- or 25-hour day) is still one period;
 * hourly and nightly schedules use UTC, which has no such change.
 */
export function periodStartOf(fire: ScheduleFire, firedAt: Date): Date {
  switch (fire.schedule) {
    case 'daily-briefing':
      return startOfLocalDay(
        localDateOf(firedAt, fire.timeZone),
        fire.timeZone,
      );
    case 'demand-forecast':
      return new Date(`${firedAt.toISOString().slice(0, 10)}T00:00:00Z`);
    case 'retention-sweep':
      return new Date(Math.floor(firedAt.getTime() / HOUR_MS) * HOUR_MS);
  }
}

// BullMQ names a scheduler's job `repeat:<scheduler id>:<tick in ms>`.
const SCHEDULER_JOB_ID = /^repeat:.+:(\d{10,})$/;

/**
 * The tick a scheduler job was made for, read from its id. A job that sat
 * in a store while it was down still belongs to the period it was due in.
 * Undefined for a job added by hand.
 */
export function readFireTime(jobId: string): Date | undefined {
  const match = SCHEDULER_JOB_ID.exec(jobId);
  return match ? new Date(Number(match[1])) : undefined;
}
