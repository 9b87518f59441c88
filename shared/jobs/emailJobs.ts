import { z } from 'zod';
import { entityId, isoDate } from './ids.js';

/**
 * Data of each email job, by job name. Payloads carry identifiers only: the
 * worker loads names and addresses from the database when it runs.
 */
export const emailJobSchemas = {
  /** Confirmation of a new order, to the user who placed it. */
  'order-confirmation': z.strictObject({ orderId: entityId, userId: entityId }),
  /** Tracking details of a shipped order, to the user who placed it. */
  'order-shipment': z.strictObject({
    orderId: entityId,
    trackingNumber: z.string().trim().min(1).max(64),
    carrier: z.string().trim().min(1).max(64),
  }),
  /** A connection request between two companies, to the target's admins. */
  'marketplace-connection': z.strictObject({
    connectionId: z.number().int().positive(),
    requesterCompanyId: entityId,
    targetCompanyId: entityId,
  }),
  /** The day's briefing for one user of one company. */
  'daily-briefing': z.strictObject({
    userId: entityId,
    companyId: entityId,
    date: isoDate,
  }),
  /** A message composed by server code; its content lives in the database. */
  generic: z.strictObject({ emailId: entityId }),
} as const;

export type EmailJobName = keyof typeof emailJobSchemas;
export type EmailJobData<N extends EmailJobName> = z.infer<
  (typeof emailJobSchemas)[N]
>;

const headerSafe = (label: string) =>
  z
    .string()
    .min(1)
    .max(998)
    .refine((value) => !/[\r\n]/.test(value), `${label} must be one line`);

/** What `queueGenericEmail` stores: checked before anything is written. */
export const genericEmailContentSchema = z.strictObject({
  to: z.email({ message: 'expected one email address' }).max(320),
  subject: headerSafe('subject'),
  html: z
    .string()
    .min(1)
    .max(512 * 1024),
  text: z
    .string()
    .max(512 * 1024)
    .nullable(),
});
export type GenericEmailContent = z.infer<typeof genericEmailContentSchema>;
