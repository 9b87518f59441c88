import { createHash, randomUUID } from 'node:crypto';
import type { Executor } from '../db/client.js';
import { genericEmailContentSchema } from '../../shared/jobs/emailJobs.js';
import type {
  NotificationJobData,
  NotificationKind,
} from '../../shared/jobs/notificationJobs.js';
import { outgoingEmails } from '../db/schema.js';
import { validationErrorFromZod } from '../errors/validationError.js';
import { activeJobQueue } from './activeJobQueue.js';
import type { QueueName } from './config.js';
import { collectQueueStats, type QueueStats } from './queueStats.js';

/** The optional last argument of every helper. */
export interface HelperOptions {
  /** The caller's transaction: the job is added only if it commits. */
  tx?: Executor;
}

/** Options of the PDF helpers. */
export interface PdfHelperOptions extends HelperOptions {
  /** Who asked for the document: notified with its link once it is stored. */
  requestedByUserId?: string;
}

/** The data of a PDF job, with its requester when there is one. */
function withRequester<T extends Record<string, unknown>>(
  data: T,
  options: PdfHelperOptions = {},
): T & { requestedByUserId?: string } {
  return options.requestedByUserId
    ? { ...data, requestedByUserId: options.requestedByUserId }
    : data;
}

function enqueue(
  queue: QueueName,
  name: string,
  data: Record<string, unknown>,
  options: HelperOptions = {},
): Promise<string> {
  return activeJobQueue()
    .enqueue(queue, name, data, { tx: options.tx })
    .then((result) => result.id);
}

/** Confirmation email of a new order, to the user who placed it. */
export function queueOrderConfirmationEmail(
  orderId: string,
  userId: string,
  options?: HelperOptions,
): Promise<string> {
  return enqueue('emails', 'order-confirmation', { orderId, userId }, options);
}

/** Shipment email with the carrier's tracking number. */
export function queueOrderShipmentEmail(
  orderId: string,
  trackingNumber: string,
  carrier: string,
  options?: HelperOptions,
): Promise<string> {
  return enqueue(
    'emails',
    'order-shipment',
    { orderId, trackingNumber, carrier },
    options,
  );
}

/** A marketplace connection request, to the target company's admins. */
export function queueMarketplaceConnectionEmail(
  connectionId: number,
  requesterCompanyId: string,
  targetCompanyId: string,
  options?: HelperOptions,
): Promise<string> {
  return enqueue(
    'emails',
    'marketplace-connection',
    { connectionId, requesterCompanyId, targetCompanyId },
    options,
  );
}

/** The daily briefing of one company for one user and date (YYYY-MM-DD). */
export function queueDailyBriefingEmail(
  userId: string,
  companyId: string,
  date: string,
  options?: HelperOptions,
): Promise<string> {
  return enqueue(
    'emails',
    'daily-briefing',
    { userId, companyId, date },
    options,
  );
}

/**
 * An email composed by server code. Its address and body are stored in the
 * database, in the same transaction; the job carries only their row id.
 * The same message added twice within the window is sent once.
 */
export async function queueGenericEmail(
  to: string,
  subject: string,
  html: string,
  text?: string,
  options: HelperOptions = {},
): Promise<string> {
  const parsed = genericEmailContentSchema.safeParse({
    to,
    subject,
    html,
    text: text ?? null,
  });
  if (!parsed.success) {
    throw validationErrorFromZod(parsed.error.issues);
  }
  const content = parsed.data;
  const emailId = randomUUID();
  const contentHash = createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex');
  const result = await activeJobQueue().enqueue(
    'emails',
    'generic',
    { emailId },
    {
      tx: options.tx,
      dedupKey: `emails:generic:${contentHash}`,
      beforeInsert: async (executor) => {
        await executor
          .insert(outgoingEmails)
          .values({ id: emailId, ...content });
      },
    },
  );
  return result.id;
}

/** Order sheet PDF. */
export function queueOrderSheetPDF(
  orderId: string,
  options?: PdfHelperOptions,
): Promise<string> {
  const data = withRequester({ orderId }, options);
  return enqueue('pdfs', 'order-sheet', data, options);
}

/** Lab work ticket PDF. */
export function queueLabWorkTicketPDF(
  orderId: string,
  options?: PdfHelperOptions,
): Promise<string> {
  const data = withRequester({ orderId }, options);
  return enqueue('pdfs', 'lab-work-ticket', data, options);
}

/** Examination form PDF of a patient, for one examination or blank. */
export function queueExaminationFormPDF(
  patientId: string,
  examinationId?: string,
  options?: PdfHelperOptions,
): Promise<string> {
  const ids = examinationId ? { patientId, examinationId } : { patientId };
  const data = withRequester(ids, options);
  return enqueue('pdfs', 'examination-form', data, options);
}

/**
 * An in-app notification of `kind` to `data.userId`: stored, then pushed
 * to the user's open streams. The data names records, never text; the
 * worker renders the title and body from them.
 */
export function queueNotification<K extends NotificationKind>(
  kind: K,
  data: NotificationJobData<K>,
  options?: HelperOptions,
): Promise<string> {
  return enqueue('notifications', kind, data, options);
}

/** Invoice PDF of an order. */
export function queueInvoicePDF(
  orderId: string,
  options?: PdfHelperOptions,
): Promise<string> {
  const data = withRequester({ orderId }, options);
  return enqueue('pdfs', 'invoice', data, options);
}

/** Receipt PDF of an order. */
export function queueReceiptPDF(
  orderId: string,
  options?: PdfHelperOptions,
): Promise<string> {
  const data = withRequester({ orderId }, options);
  return enqueue('pdfs', 'receipt', data, options);
}

/**
 * Reads an uploaded tracer file and stores its results and SVG preview on
 * the order. The data names the upload row, never the file's content.
 */
export function queueOmaAnalysis(
  orderId: string,
  uploadId: string,
  requestedByUserId: string,
  options?: HelperOptions,
): Promise<string> {
  return enqueue(
    'oma',
    'analyse-tracer-file',
    { orderId, uploadId, requestedByUserId },
    options,
  );
}

/** Job counts per queue over both stores, and which store is in use. */
export function getQueueStats(): Promise<QueueStats> {
  return collectQueueStats(activeJobQueue());
}
