import type { DocumentType } from '../db/schema.js';

// Order numbers come from a database sequence (IL-001001), and job ids are
// UUIDs, so nothing here is typed by a user. Anything outside this set is
// still replaced, so that a changed format can never produce a path.
const UNSAFE_CHARACTERS = /[^A-Za-z0-9-]/g;

/** Parts of a document's file name; none comes from job data. */
export interface DocumentFileNameParts {
  type: DocumentType;
  /** Absent for documents about a patient rather than an order. */
  orderNumber?: string;
  jobId: string;
}

/**
 * The file name of a job's document, e.g.
 * `order-sheet-IL-001001-<jobId>.pdf`. It depends only on the job, so a
 * retried job writes over its own earlier file.
 */
export function createDocumentFileName(parts: DocumentFileNameParts): string {
  const pieces = [parts.type, parts.orderNumber, parts.jobId]
    .filter((piece): piece is string => piece !== undefined)
    .map((piece) => piece.replace(UNSAFE_CHARACTERS, '_'));
  return `${pieces.join('-')}.pdf`;
}
