import { AppError } from '../errors/appError.js';

/**
 * A tracer file that cannot be read. Retrying cannot help, so the message
 * names the line and record a technician should look at in the file.
 */
export class OmaFormatError extends AppError {
  constructor(
    /** 1-based line of the uploaded file where the problem was found. */
    readonly line: number,
    /** Label of the record at fault, e.g. `TRCFMT`; null for the file. */
    readonly record: string | null,
    /** What is wrong and what to do, without the line prefix. */
    readonly reason: string,
  ) {
    super('validation_failed', formatOmaProblem(line, record, reason), {
      httpStatus: 422,
      retryable: false,
      details: { line, record },
    });
  }
}

/** Builds the `line 12, record R: …` text shared by errors and warnings. */
export function formatOmaProblem(
  line: number | null,
  record: string | null,
  reason: string,
): string {
  const where = [
    line === null ? null : `line ${line}`,
    record === null ? null : `record ${record}`,
  ].filter((part) => part !== null);
  return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
}
