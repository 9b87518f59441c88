import { z } from 'zod';
import { entityId } from './ids.js';

/** Who asked for the document; notified with its link once it is stored. */
const requestedByUserId = entityId.optional();

/** Data of each PDF job, by job name (also the document type). */
export const pdfJobSchemas = {
  /** The order as the practice placed it. */
  'order-sheet': z.strictObject({ orderId: entityId, requestedByUserId }),
  /** Instructions for the lab that makes the lenses. */
  'lab-work-ticket': z.strictObject({ orderId: entityId, requestedByUserId }),
  /** A patient's examination record. */
  'examination-form': z.strictObject({
    patientId: entityId,
    examinationId: entityId.optional(),
    requestedByUserId,
  }),
  /** The bill for an order. */
  invoice: z.strictObject({ orderId: entityId, requestedByUserId }),
  /** Proof of payment for an order. */
  receipt: z.strictObject({ orderId: entityId, requestedByUserId }),
} as const;

export type PdfJobName = keyof typeof pdfJobSchemas;
export type PdfJobData<N extends PdfJobName> = z.infer<
  (typeof pdfJobSchemas)[N]
>;
