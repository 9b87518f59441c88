/** PostgreSQL's code for a broken unique constraint or index. */
const UNIQUE_VIOLATION = '23505';
/** Drizzle wraps driver errors once; a few levels are plenty. */
const MAX_CAUSE_DEPTH = 4;

/**
 * True when `error`, or an error it wraps as its cause, is a unique
 * violation of `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < MAX_CAUSE_DEPTH; depth += 1) {
    const candidate = current as {
      code?: string;
      constraint?: string;
      cause?: unknown;
    };
    if (
      candidate.code === UNIQUE_VIOLATION &&
      candidate.constraint === constraint
    ) {
      return true;
    }
    current = candidate.cause;
  }
  return false;
}
