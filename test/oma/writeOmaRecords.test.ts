import { describe, expect, it } from 'vitest';
import { analyseOmaFile } from '../../server/oma/analyseOmaFile.js';
import { readOmaRecords } from '../../server/oma/readOmaRecords.js';
import { writeOmaRecords } from '../../server/oma/writeOmaRecords.js';
import {
  buildOmaFile,
  createEllipseRadii,
  encodeBinaryDifferential,
  encodeBinaryRecord,
} from './fixtures/buildOmaFixture.js';

const strip = (records: Array<{ label: string; value: string }>) =>
  records.map(({ label, value }) => ({ label, value }));

describe('writeOmaRecords', () => {
  it('writes records verbatim with the chosen line ending', () => {
    const records = [
      { label: 'JOB', value: '7', line: 1 },
      { label: '_VENDOR', value: 'a;b,c; ', line: 2 },
    ];

    expect(writeOmaRecords(records, 'lf').toString('latin1')).toBe(
      'JOB=7\n_VENDOR=a;b,c; \n',
    );
    expect(writeOmaRecords(records).toString('latin1')).toBe(
      'JOB=7\r\n_VENDOR=a;b,c; \r\n',
    );
  });

  it('round-trips unknown, vendor, repeated and empty records', () => {
    const text = 'JOB=1\rZZZ=?;?\r_X=1;;\rHBOX=52\rHBOX=56.69;56.73\rBSIZ=;\r';
    const { records, lineEnding } = readOmaRecords(text);

    expect(lineEnding).toBe('cr');
    expect(writeOmaRecords(records, lineEnding).toString('latin1')).toBe(text);
  });

  it('round-trips a binary trace so it decodes to the same radii', () => {
    const radii = createEllipseRadii(100, 24, 18);
    const file = buildOmaFile([
      'TRCFMT=3;100;E;R;F',
      encodeBinaryRecord(encodeBinaryDifferential(radii)),
    ]);
    const first = analyseOmaFile(file);

    const rewritten = writeOmaRecords(first.records, first.lineEnding);
    const second = analyseOmaFile(rewritten);

    expect(strip(second.records)).toEqual(strip(first.records));
    expect(second.eyes.right?.radiiHundredthsMm).toEqual(radii);
  });
});
