import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { documents, orders } from '../db/schema.js';
import {
  omaUploads,
  tracerEyes,
  tracerResults,
} from '../db/schemas/tracerSchema.js';

export type OmaUploadRow = typeof omaUploads.$inferSelect;
export type TracerResultRow = typeof tracerResults.$inferSelect;
export type TracerEyeRow = typeof tracerEyes.$inferSelect;

/** A result row as the job writes it, keyed by its upload. */
export type TracerResultValues = Omit<
  typeof tracerResults.$inferInsert,
  'id' | 'analysedAt'
>;

/** The preview file's `documents` row. */
export interface PreviewDocumentValues {
  jobId: string;
  companyId: string;
  orderId: string;
  patientId: string;
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** How many uploads `GET /api/orders/:id/oma` returns, latest first. */
export const MAX_LISTED_UPLOADS = 50;

/** Data access of tracer uploads and their results. */
export function createTracerRepository(db: Executor) {
  return {
    async insertUpload(values: typeof omaUploads.$inferInsert) {
      await db.insert(omaUploads).values(values);
    },

    async setUploadJob(uploadId: string, jobId: string) {
      await db
        .update(omaUploads)
        .set({ jobId })
        .where(eq(omaUploads.id, uploadId));
    },

    /** The upload with its order's patient, only when `orderId` owns it. */
    async findUpload(uploadId: string, orderId: string) {
      const [row] = await db
        .select({ upload: omaUploads, patientId: orders.patientId })
        .from(omaUploads)
        .innerJoin(orders, eq(orders.id, omaUploads.orderId))
        .where(
          and(eq(omaUploads.id, uploadId), eq(omaUploads.orderId, orderId)),
        );
      return row;
    },

    /**
     * Writes the preview's document row; a retried job replaces its own
     * row (keyed by job id) instead of adding a second.
     */
    async savePreviewDocument(values: PreviewDocumentValues): Promise<string> {
      const row = {
        ...values,
        type: 'oma-preview' as const,
        contentType: 'image/svg+xml',
      };
      const [saved] = await db
        .insert(documents)
        .values(row)
        .onConflictDoUpdate({
          target: documents.jobId,
          set: { ...row, createdAt: new Date() },
        })
        .returning({ id: documents.id });
      return saved!.id;
    },

    /**
     * Writes the result of an upload and its eyes, replacing what an
     * earlier attempt wrote. Run it in a transaction.
     */
    async saveResult(
      values: TracerResultValues,
      eyes: Omit<TracerEyeRow, 'resultId'>[],
    ): Promise<string> {
      const [saved] = await db
        .insert(tracerResults)
        .values(values)
        .onConflictDoUpdate({
          target: tracerResults.uploadId,
          set: { ...values, analysedAt: new Date() },
        })
        .returning({ id: tracerResults.id });
      const resultId = saved!.id;
      await db.delete(tracerEyes).where(eq(tracerEyes.resultId, resultId));
      if (eyes.length > 0) {
        await db
          .insert(tracerEyes)
          .values(eyes.map((eye) => ({ ...eye, resultId })));
      }
      return resultId;
    },

    /** Uploads of an order, latest first, each with its result if any. */
    async listOrderResults(orderId: string) {
      const rows = await db
        .select({ upload: omaUploads, result: tracerResults })
        .from(omaUploads)
        .leftJoin(tracerResults, eq(tracerResults.uploadId, omaUploads.id))
        .where(eq(omaUploads.orderId, orderId))
        .orderBy(desc(omaUploads.createdAt), desc(omaUploads.id))
        .limit(MAX_LISTED_UPLOADS);
      const resultIds = rows.flatMap((row) =>
        row.result ? [row.result.id] : [],
      );
      const eyes =
        resultIds.length === 0
          ? []
          : await db
              .select()
              .from(tracerEyes)
              .where(inArray(tracerEyes.resultId, resultIds));
      return { rows, eyes };
    },
  };
}

export type TracerRepository = ReturnType<typeof createTracerRepository>;
