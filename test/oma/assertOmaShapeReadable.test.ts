import { describe, expect, it } from 'vitest';
import { analyseOmaFile } from '../../server/oma/analyseOmaFile.js';
import { assertOmaShapeReadable } from '../../server/oma/assertOmaShapeReadable.js';
import { buildEllipseFile, buildOmaFile } from './fixtures/buildOmaFixture.js';
import { catchOmaError } from './fixtures/catchOmaError.js';

describe('assertOmaShapeReadable', () => {
  it('accepts a file with a decoded trace', () => {
    expect(() =>
      assertOmaShapeReadable(analyseOmaFile(buildEllipseFile())),
    ).not.toThrow();
  });

  it('refuses a file that sent no trace', () => {
    const analysis = analyseOmaFile(buildOmaFile(['REQ=TRC', 'JOB=7']));

    expect(() => assertOmaShapeReadable(analysis)).toThrow(
      /^line 1: the file carries no trace/,
    );
  });

  it('refuses a vendor-only trace, naming its header line', () => {
    const analysis = analyseOmaFile(
      buildOmaFile(['JOB=7', 'TRCFMT=5;3;U;R;F', 'R=25000;10;10', 'A=0;44;44']),
    );

    const error = catchOmaError(() => assertOmaShapeReadable(analysis));

    expect(error).toMatchObject({
      line: 2,
      record: 'TRCFMT',
      retryable: false,
    });
    expect(error.message).toMatch(
      /the trace cannot be read: format 5 is a vendor/,
    );
  });
});
