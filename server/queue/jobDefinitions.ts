import type { z } from 'zod';
import { aiJobSchemas } from '../../shared/jobs/aiJobs.js';
import { emailJobSchemas } from '../../shared/jobs/emailJobs.js';
import { notificationJobSchemas } from '../../shared/jobs/notificationJobs.js';
import { omaJobSchemas } from '../../shared/jobs/omaJobs.js';
import { pdfJobSchemas } from '../../shared/jobs/pdfJobs.js';
import { scheduledJobSchemas } from '../../shared/jobs/scheduledJobs.js';
import type { QueueName } from './config.js';

/** The data schema of every job name, by queue. */
export const JOB_SCHEMAS = {
  emails: emailJobSchemas,
  pdfs: pdfJobSchemas,
  notifications: notificationJobSchemas,
  ai: aiJobSchemas,
  oma: omaJobSchemas,
  scheduled: scheduledJobSchemas,
} satisfies Record<QueueName, Record<string, z.ZodType>>;

export type JobSchemas = typeof JOB_SCHEMAS;
export type JobNameOf<Q extends QueueName> = keyof JobSchemas[Q] & string;

/** The schema of one job name, or undefined for a name the queue lacks. */
export function findJobSchema(
  queue: QueueName,
  name: string,
): z.ZodType | undefined {
  const schemas: Record<string, z.ZodType> = JOB_SCHEMAS[queue];
  return Object.hasOwn(schemas, name) ? schemas[name] : undefined;
}
