import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import {
  companies,
  documents,
  orders,
  patients,
  type DocumentType,
} from '../db/schema.js';
import { examinations } from '../db/schemas/examinationsSchema.js';
import { NotFoundError } from '../errors/notFoundError.js';

/** One `documents` row as the PDF processors write it. */
export interface DocumentRecord {
  jobId: string;
  companyId: string;
  orderId: string | null;
  patientId: string;
  type: DocumentType;
  /** Relative to the uploads folder, with forward slashes. */
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** The reads and writes of the PDF processors. */
export type DocumentRepository = ReturnType<typeof createDocumentRepository>;

/** Data access of the PDF jobs, over the database or a transaction. */
export function createDocumentRepository(db: Executor) {
  return {
    /**
     * The order with its patient and company. A patient of another company
     * counts as missing, so a document never mixes two tenants.
     */
    async loadOrderSource(orderId: string) {
      const [row] = await db
        .select({ order: orders, patient: patients, company: companies })
        .from(orders)
        .innerJoin(
          patients,
          and(
            eq(patients.id, orders.patientId),
            eq(patients.companyId, orders.companyId),
          ),
        )
        .innerJoin(companies, eq(companies.id, orders.companyId))
        .where(eq(orders.id, orderId))
        .limit(1);
      if (!row) throw new NotFoundError('Order', { orderId });
      return row;
    },

    /** The patient with its company. */
    async loadPatientSource(patientId: string) {
      const [row] = await db
        .select({ patient: patients, company: companies })
        .from(patients)
        .innerJoin(companies, eq(companies.id, patients.companyId))
        .where(eq(patients.id, patientId))
        .limit(1);
      if (!row) throw new NotFoundError('Patient', { patientId });
      return row;
    },

    /** An examination of `patientId`, within the patient's own company. */
    async loadExamination(examinationId: string, patientId: string) {
      const [row] = await db
        .select({ examination: examinations })
        .from(examinations)
        .innerJoin(
          patients,
          and(
            eq(patients.id, examinations.patientId),
            eq(patients.companyId, examinations.companyId),
          ),
        )
        .where(
          and(
            eq(examinations.id, examinationId),
            eq(examinations.patientId, patientId),
          ),
        )
        .limit(1);
      if (!row) throw new NotFoundError('Examination', { examinationId });
      return row.examination;
    },

    /**
     * Writes the row of a job's document. A retried job overwrites its own
     * row (same file name, new size and hash) instead of adding a second.
     */
    async saveDocument(record: DocumentRecord): Promise<string> {
      const { jobId: _jobId, ...fields } = record;
      const [row] = await db
        .insert(documents)
        .values(record)
        .onConflictDoUpdate({
          target: documents.jobId,
          set: { ...fields, createdAt: new Date() },
        })
        .returning({ id: documents.id });
      return row!.id;
    },
  };
}
