import { describe, expect, it } from 'vitest';
import {
  analyseOmaFile,
  OMA_MAX_FILE_BYTES,
} from '../../server/oma/analyseOmaFile.js';
import {
  buildOmaFile,
  createEllipseRadii,
  encodeAsciiRecords,
  encodeBinaryDifferential,
  encodeBinaryRecord,
  encodePackedBinary,
} from './fixtures/buildOmaFixture.js';
import { catchOmaError } from './fixtures/catchOmaError.js';

const RADII = createEllipseRadii(360, 25, 17.5);

function traceFile(header: string, radii: readonly number[]) {
  return buildOmaFile(['JOB=1', header, ...encodeAsciiRecords('R', radii)]);
}

describe('analyseOmaFile with bad input', () => {
  it('refuses an empty file', () => {
    expect(() => analyseOmaFile(Buffer.alloc(0))).toThrow(
      'line 1: the file is empty',
    );
    expect(() => analyseOmaFile(Buffer.from('\r\n \n'))).toThrow(
      /file is empty/,
    );
  });

  it('refuses binary garbage with the line where it starts', () => {
    let seed = 7;
    const garbage = Buffer.from(
      Array.from(
        { length: 4096 },
        () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff,
      ),
    );

    const error = catchOmaError(() => analyseOmaFile(garbage));

    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/^line \d+(, record \w+)?: /);
  });

  it('refuses control bytes inside a text record', () => {
    const error = catchOmaError(() =>
      analyseOmaFile(Buffer.from('JOB=1\nHBOX=5\x0050\n', 'latin1')),
    );

    expect(error.message).toBe(
      'line 2, record HBOX: the value holds control bytes; the file is binary or damaged',
    );
  });

  it('refuses a TRCFMT with too few radii, naming the last R line', () => {
    const error = catchOmaError(() =>
      analyseOmaFile(traceFile('TRCFMT=1;360;E;R;F', RADII.slice(0, 358))),
    );

    expect(error.message).toBe(
      'line 38, record R: TRCFMT on line 2 declares 360 radii but 358 were found',
    );
  });

  it('refuses a TRCFMT with too many radii', () => {
    const error = catchOmaError(() =>
      analyseOmaFile(traceFile('TRCFMT=1;360;E;R;F', [...RADII, 2500])),
    );

    expect(error.message).toMatch(/declares 360 radii but 361 were found/);
  });

  it.each([0, -120])('refuses a radius of %i at its own line', (bad) => {
    const radii = RADII.map((radius, index) => (index === 25 ? bad : radius));

    const error = catchOmaError(() =>
      analyseOmaFile(traceFile('TRCFMT=1;360;E;R;F', radii)),
    );

    expect(error).toMatchObject({ line: 5, record: 'R' });
    expect(error.message).toMatch(`radius ${bad} at point 26 is not positive`);
  });

  it('ignores spaces around header fields but refuses spaces inside them', () => {
    const spaced = analyseOmaFile(traceFile('TRCFMT= 1;360 ;E; R;F', RADII));
    const error = catchOmaError(() =>
      analyseOmaFile(traceFile('TRCFMT=1;3 60;E;R;F', RADII)),
    );

    expect(spaced.eyes.right?.pointCount).toBe(360);
    expect(spaced.warnings[0]?.message).toMatch(
      /^line 2, record TRCFMT: spaces/,
    );
    expect(error.message).toBe(
      'line 2, record TRCFMT: point count "3 60" is not a whole number',
    );
  });

  it('refuses a 50 MB file before reading it', () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);

    const error = catchOmaError(() => analyseOmaFile(huge));

    expect(huge.length).toBeGreaterThan(OMA_MAX_FILE_BYTES);
    expect(error.message).toMatch(
      /^line 1: the file is 52428800 bytes, over the/,
    );
  });

  it('refuses a truncated format 3 trace', () => {
    const bytes = encodeBinaryDifferential(RADII).subarray(0, 300);
    const file = buildOmaFile([
      'TRCFMT=3;360;E;R;F',
      encodeBinaryRecord(bytes),
    ]);

    expect(() => analyseOmaFile(file)).toThrow(
      'line 2, record R: TRCFMT on line 1 declares 360 radii but 299 were found',
    );
  });

  it('refuses a truncated format 4 trace', () => {
    const bytes = encodePackedBinary(RADII).subarray(0, 60);
    const file = buildOmaFile([
      'TRCFMT=4;360;E;R;F',
      encodeBinaryRecord(bytes),
    ]);

    expect(() => analyseOmaFile(file)).toThrow(
      /^line 2, record R: .* declares 360 radii/,
    );
  });

  it('refuses binary data cut off after an escape byte', () => {
    const file = buildOmaFile(['TRCFMT=3;360;E;R;F', 'R=\x10\x09\x1b']);

    expect(() => analyseOmaFile(file)).toThrow(
      /^line 2, record R: .*escape byte/,
    );
  });

  it('reports an unknown format number as unsupported with its line', () => {
    const analysis = analyseOmaFile(traceFile('TRCFMT=9;360;E;R;F', RADII));

    expect(analysis.status).toBe('unsupported');
    expect(analysis.unsupported[0]).toMatchObject({
      line: 2,
      record: 'TRCFMT',
    });
    expect(analysis.unsupported[0]?.reason).toMatch(
      /format 9 is not a DCS format/,
    );
  });

  it('refuses radius data that comes before any header', () => {
    const file = buildOmaFile(['JOB=1', 'R=2500;2500']);

    expect(() => analyseOmaFile(file)).toThrow(
      /^line 2, record R: data comes before any TRCFMT/,
    );
  });

  it('refuses A= angles that do not match the radius count', () => {
    const file = buildOmaFile([
      'TRCFMT=1;4;U;R;F',
      'R=2000;2000;2000;2000',
      'A=0;9000;18000',
    ]);

    expect(() => analyseOmaFile(file)).toThrow(
      'line 3, record A: TRCFMT on line 1 declares 4 angles but 3 were found',
    );
  });

  it('refuses a header that declares an absurd number of points', () => {
    expect(() =>
      analyseOmaFile(traceFile('TRCFMT=1;500000;E;R;F', RADII)),
    ).toThrow(
      'line 2, record TRCFMT: declares 500000 points; a trace has between 1 and 10000',
    );
  });

  it('refuses a header with an unknown side', () => {
    expect(() =>
      analyseOmaFile(traceFile('TRCFMT=1;360;E;X;F', RADII)),
    ).toThrow('line 2, record TRCFMT: side "X" must be R, L or B');
  });
});

describe('analyseOmaFile on damaged copies of good files', () => {
  it('either reads or refuses with OmaFormatError, never anything else', () => {
    const good = buildOmaFile([
      'TRCFMT=4;360;E;R;F',
      encodeBinaryRecord(encodePackedBinary(RADII)),
      'TRCFMT=1;360;E;L;F',
      ...encodeAsciiRecords('R', RADII),
    ]);
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);

    for (let trial = 0; trial < 300; trial += 1) {
      const damaged = Buffer.from(good.subarray(0, random() % good.length));
      damaged[random() % Math.max(damaged.length, 1)] = random() & 0xff;

      const outcome = runSafely(() => analyseOmaFile(damaged));

      expect(outcome).toMatch(/^(read|refused: line \d+)/);
    }
  });
});

function runSafely(action: () => unknown): string {
  try {
    action();
    return 'read';
  } catch (error) {
    return `refused: ${
      catchOmaError(() => {
        throw error;
      }).message
    }`;
  }
}
