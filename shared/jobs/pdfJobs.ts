import { z } from 'zod';
import { entityId } from './ids.js';

/** Data of each PDF job, by job name (also the document type). */
export const pdfJobSchemas = {
  /** The order as the practice placed it. */
  'order-sheet': z.strictObject({ orderId: entityId }),
  /** Instructions for the lab that makes the lenses. */
  'lab-work-ticket': z.strictObject({ orderId: entityId }),
  /** A patient's examination record. */
  'examination-form': z.strictObject({
    patientId: entityId,
    examinationId: entityId.optional(),
  }),
  /** The bill for an order. */
  invoice: z.strictObject({ orderId: entityId }),
  /** Proof of payment for an order. */
  receipt: z.strictObject({ orderId: entityId }),
} as const;

export type PdfJobName = keyof typeof pdfJobSchemas;
export type PdfJobData<N extends PdfJobName> = z.infer<
  (typeof pdfJobSchemas)[N]
>;
