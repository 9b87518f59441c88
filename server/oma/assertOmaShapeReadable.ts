import type { OmaAnalysis } from './omaAnalysis.js';
import { OmaFormatError } from './omaFormatError.js';

/**
 * Throws when an analysed file gives no shape to edge from: it sent no
 * trace, or only traces in formats that cannot be read. The worker calls
 * this after `analyseOmaFile` to end such a job without retries.
 */
export function assertOmaShapeReadable(analysis: OmaAnalysis): void {
  if (analysis.status === 'no-trace') {
    throw new OmaFormatError(
      analysis.records[0]?.line ?? 1,
      null,
      'the file carries no trace (no TRCFMT header followed by R= data); ' +
        'export the shape from the tracer again',
    );
  }
  const first = analysis.unsupported.find(
    (dataset) => dataset.kind === 'trace',
  );
  if (analysis.status === 'unsupported' && first) {
    throw new OmaFormatError(
      first.line,
      first.record,
      `the trace cannot be read: ${first.reason ?? 'unsupported format'}; ` +
        'set the tracer to send TRCFMT format 1, 3 or 4',
    );
  }
}
