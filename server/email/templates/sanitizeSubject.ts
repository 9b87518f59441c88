import { toSingleLine } from './toSingleLine.js';

/** Longer subjects are cut; mail clients show far fewer characters anyway. */
const MAX_SUBJECT_LENGTH = 200;

/**
 * A subject fit for a mail header: no CR or LF (which would let a value add
 * headers of its own), no other control characters, and bounded in length.
 */
export function sanitizeSubject(subject: string): string {
  const line = toSingleLine(subject);
  if (line.length <= MAX_SUBJECT_LENGTH) return line;
  return `${line.slice(0, MAX_SUBJECT_LENGTH - 1).trimEnd()}…`;
}
