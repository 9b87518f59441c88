import { z } from 'zod';
import { entityId, isoDate } from './ids.js';

const connectionId = z.number().int().positive();

/**
 * Data of each notification job; the job name is the notification's kind.
 * Payloads name the recipient and the records to talk about, never text or
 * personal data: the worker loads names and renders the title and body.
 */
export const notificationJobSchemas = {
  /** A PDF the user asked for is stored; links to its download. */
  'pdf-ready': z.strictObject({ userId: entityId, documentId: entityId }),
  /** An order the user created was shipped. */
  'order-shipped': z.strictObject({ userId: entityId, orderId: entityId }),
  /** A job of the user's company failed for good (sent to its admins). */
  'job-failed': z.strictObject({
    userId: entityId,
    queue: z.string().min(1).max(64),
    jobName: z.string().min(1).max(64),
    jobId: z.string().min(1).max(128),
  }),
  /** Another company asks to connect with the user's company. */
  'marketplace-request': z.strictObject({ userId: entityId, connectionId }),
  /** The target company accepted the user's connection request. */
  'marketplace-accepted': z.strictObject({ userId: entityId, connectionId }),
  /** The target company declined the user's connection request. */
  'marketplace-declined': z.strictObject({ userId: entityId, connectionId }),
  /** The daily briefing of the user's company for `date` is ready. */
  'briefing-ready': z.strictObject({ userId: entityId, date: isoDate }),
} as const;

export type NotificationKind = keyof typeof notificationJobSchemas;
export type NotificationJobData<K extends NotificationKind> = z.infer<
  (typeof notificationJobSchemas)[K]
>;

/** Every kind, for the notifications table's check and API filters. */
export const NOTIFICATION_KINDS = Object.keys(
  notificationJobSchemas,
) as NotificationKind[];
