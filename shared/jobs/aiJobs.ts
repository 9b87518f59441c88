import { z } from 'zod';
import { entityId, isoDate } from './ids.js';

/** Data of each AI job, by job name. */
export const aiJobSchemas = {
  /** Facts and narrative of one company's day, then its email. */
  'daily-briefing': z.strictObject({ companyId: entityId, date: isoDate }),
  /** The next 14 days per product line, from orders up to `asOfDate`. */
  'demand-forecast': z.strictObject({
    companyId: entityId,
    asOfDate: isoDate,
  }),
} as const;

export type AiJobName = keyof typeof aiJobSchemas;
export type AiJobData<N extends AiJobName> = z.infer<(typeof aiJobSchemas)[N]>;
