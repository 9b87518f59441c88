import { z } from 'zod';
import { entityId } from './ids.js';

/** What a scheduler's tick carries: which schedule fired. */
export const scheduleFireSchema = z.discriminatedUnion('schedule', [
  /** One company's briefing, at 07:00 in the company's own time zone. */
  z.strictObject({
    schedule: z.literal('daily-briefing'),
    companyId: entityId,
    timeZone: z.string().min(1).max(64),
  }),
  /** Every company's demand forecast, nightly. */
  z.strictObject({ schedule: z.literal('demand-forecast') }),
  /** Old files, tokens, notifications and queue rows, hourly. */
  z.strictObject({ schedule: z.literal('retention-sweep') }),
]);
export type ScheduleFire = z.infer<typeof scheduleFireSchema>;
export type ScheduleKind = ScheduleFire['schedule'];

/** Data of each job of the scheduled queue, by job name. */
export const scheduledJobSchemas = {
  /** A scheduler's tick; only the first tick of a period does the work. */
  'fire-schedule': scheduleFireSchema,
  /** One hour's retention sweep. */
  'retention-sweep': z.strictObject({ periodStart: z.iso.datetime() }),
} as const;

export type ScheduledJobName = keyof typeof scheduledJobSchemas;
export type ScheduledJobData<N extends ScheduledJobName> = z.infer<
  (typeof scheduledJobSchemas)[N]
>;
