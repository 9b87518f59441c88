import { formatOmaProblem } from './omaFormatError.js';

/** Something a technician should see that does not stop the analysis. */
export interface OmaWarning {
  /** `disagreement`: a declared value differs from the trace. */
  kind: 'disagreement' | 'notice';
  /** 1-based line the warning is about; null for the whole file. */
  line: number | null;
  /** Label of the record concerned; null for the whole file. */
  record: string | null;
  /** Full text, prefixed with line and record. */
  message: string;
}

/** Builds a warning whose message carries its line and record. */
export function createOmaWarning(
  kind: OmaWarning['kind'],
  line: number | null,
  record: string | null,
  reason: string,
): OmaWarning {
  return {
    kind,
    line,
    record,
    message: formatOmaProblem(line, record, reason),
  };
}
