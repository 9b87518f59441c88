import { describe, expect, it } from 'vitest';
import { OmaFormatError } from '../../server/oma/omaFormatError.js';
import { readOmaRecords } from '../../server/oma/readOmaRecords.js';
import { catchOmaError as catchError } from './fixtures/catchOmaError.js';

const RECORDS = ['JOB=42', 'HBOX=50.00;49.90', 'DBL=18.00'];

function readWith(ending: string) {
  return readOmaRecords(RECORDS.join(ending) + ending);
}

describe('readOmaRecords', () => {
  it.each([
    ['\n', 'lf'],
    ['\r\n', 'crlf'],
    ['\r', 'cr'],
    ['\r\r\n', 'crcrlf'],
  ])('reads the same records when lines end with %j', (ending, name) => {
    const { records, lineEnding } = readWith(ending);

    expect(lineEnding).toBe(name);
    expect(records.map((record) => [record.label, record.value])).toEqual([
      ['JOB', '42'],
      ['HBOX', '50.00;49.90'],
      ['DBL', '18.00'],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 3]);
  });

  it('reports mixed endings and keeps editor line numbers', () => {
    const { records, lineEnding } = readOmaRecords('A=1\r\nB=2\nC=3\r');

    expect(lineEnding).toBe('mixed');
    expect(records.map((record) => record.line)).toEqual([1, 2, 3]);
  });

  it('skips blank lines but counts them, and reads a last line without EOL', () => {
    const { records } = readOmaRecords('A=1\n\n  \nB=2');

    expect(records).toEqual([
      { label: 'A', value: '1', line: 1 },
      { label: 'B', value: '2', line: 4 },
    ]);
  });

  it('splits at the first "=" only, keeping the rest of the value', () => {
    const { records } = readOmaRecords('REM=KYM_VER=1\n');

    expect(records[0]).toMatchObject({ label: 'REM', value: 'KYM_VER=1' });
  });

  it('keeps repeated, vendor and dotted records in file order', () => {
    const text = 'HBOX=52;52\n_DIGIT=1;2;\n.ED=54\nHBOX=56.69;56.73\n';
    const labels = readOmaRecords(text).records.map((record) => record.label);

    expect(labels).toEqual(['HBOX', '_DIGIT', '.ED', 'HBOX']);
  });

  it('starts counting at the given line for a message inside a frame', () => {
    const { records } = readOmaRecords('A=1\rB=2', 5);

    expect(records.map((record) => record.line)).toEqual([5, 6]);
  });

  it('refuses a line without "=" and names its line', () => {
    const error = catchError(() => readOmaRecords('JOB=1\nhello world\n'));

    expect(error).toBeInstanceOf(OmaFormatError);
    expect(error).toMatchObject({ line: 2, record: null });
    expect(error.message).toMatch(/^line 2: no "=" on this line/);
  });

  it('refuses a label with a space inside', () => {
    const error = catchError(() =>
      readOmaRecords('JOB=1\nTRC FMT=1;360;E;R\n'),
    );

    expect(error.message).toMatch(
      /^line 2: label "TRC FMT" is not a record label/,
    );
  });
});
