import { describe, expect, it } from 'vitest';
import { analyseOmaFile } from '../../server/oma/analyseOmaFile.js';
import {
  buildEllipseFile,
  buildOmaFile,
  buildOmaFrame,
  createEllipseRadii,
  createRoundedRectangleRadii,
  encodeAsciiRecords,
  encodeBinaryAbsolute,
  encodeBinaryDifferential,
  encodeBinaryRecord,
  encodePackedBinary,
  mirrorRadii,
} from './fixtures/buildOmaFixture.js';

const RADII = createRoundedRectangleRadii(400, 52, 36, 9);

function buildBinaryFile(format: number, encode: (r: number[]) => Uint8Array) {
  return buildOmaFile([
    `TRCFMT=${format};400;E;R;F`,
    encodeBinaryRecord(encode(RADII)),
    `TRCFMT=${format};400;E;L;F`,
    encodeBinaryRecord(encode(mirrorRadii(RADII))),
  ]);
}

describe('analyseOmaFile', () => {
  it('reads format 1 for both eyes and measures each', () => {
    const analysis = analyseOmaFile(buildEllipseFile());

    expect(analysis.status).toBe('complete');
    expect(analysis.formats).toEqual([1]);
    for (const eye of [analysis.eyes.right, analysis.eyes.left]) {
      expect(eye?.pointCount).toBe(360);
      expect(eye?.geometry.hboxMm).toBeCloseTo(50, 1);
      expect(eye?.geometry.vboxMm).toBeCloseTo(35, 1);
    }
    expect(analysis.eyes.left?.headerLine).toBe(39);
  });

  it.each([
    [2, encodeBinaryAbsolute],
    [3, encodeBinaryDifferential],
    [4, encodePackedBinary],
  ])(
    'decodes binary format %i to the radii that were encoded',
    (format, encode) => {
      const analysis = analyseOmaFile(buildBinaryFile(format, encode));

      expect(analysis.status).toBe('complete');
      expect(analysis.formats).toEqual([format]);
      expect(analysis.eyes.right?.radiiHundredthsMm).toEqual(RADII);
      expect(analysis.eyes.left?.radiiHundredthsMm).toEqual(mirrorRadii(RADII));
      expect(analysis.eyes.right?.geometry.hboxMm).toBeCloseTo(52, 1);
    },
  );

  it('gives mirror-image eyes the same box and circumference', () => {
    const { eyes } = analyseOmaFile(buildBinaryFile(4, encodePackedBinary));

    expect(eyes.left?.geometry.hboxMm).toBeCloseTo(
      eyes.right?.geometry.hboxMm ?? 0,
      9,
    );
    expect(eyes.left?.geometry.circumferenceMm).toBeCloseTo(
      eyes.right?.geometry.circumferenceMm ?? 0,
      6,
    );
  });

  it('gives the left eye as a mirror image for a side B trace', () => {
    const radii = createRoundedRectangleRadii(360, 50, 30, 5).map(
      (radius, index) => radius + (index < 90 ? 100 : 0),
    );
    const analysis = analyseOmaFile(
      buildOmaFile(['TRCFMT=1;360;E;B;F', ...encodeAsciiRecords('R', radii)]),
    );
    const right = analysis.eyes.right?.geometry.boxCentreOffsetMm;
    const left = analysis.eyes.left?.geometry.boxCentreOffsetMm;

    expect(right?.xMm).toBeGreaterThan(0.1);
    expect(left?.xMm).toBeCloseTo(-(right?.xMm ?? 0), 9);
    expect(left?.yMm).toBeCloseTo(right?.yMm ?? 0, 9);
  });

  it('reads unequal spacing from A= angles in 1/100 degree', () => {
    const angles = [0, 9000, 18000, 27000, 30000];
    const analysis = analyseOmaFile(
      buildOmaFile([
        'TRCFMT=1;5;U;R;F',
        'R=2000;1000;2000;1000;1000',
        `A=${angles.join(';')}`,
      ]),
    );

    expect(analysis.eyes.right?.anglesDeg).toEqual([0, 90, 180, 270, 300]);
    expect(analysis.eyes.right?.geometry.hboxMm).toBeCloseTo(40, 9);
    expect(analysis.eyes.right?.geometry.vboxMm).toBeCloseTo(20, 9);
  });

  it('uses Z data, with fewer heights than radii, for the 3-D circumference', () => {
    const waved = Array.from({ length: 90 }, (_, index) =>
      Math.round(500 * Math.sin((4 * Math.PI * index) / 90)),
    );
    const analyse = (heights: number[]) =>
      analyseOmaFile(
        buildEllipseFile([
          'ZFMT=1;90;E;R;F',
          ...encodeAsciiRecords('Z', heights),
        ]),
      );
    const flat = analyse(Array(90).fill(300)).eyes.right?.geometry;
    const wavy = analyse(waved);

    expect(wavy.eyes.right?.zPointCount).toBe(90);
    expect(flat?.circumference3dMm).toBeCloseTo(flat?.circumferenceMm ?? 0, 9);
    expect(wavy.eyes.right?.geometry.circumference3dMm).toBeGreaterThan(
      (flat?.circumferenceMm ?? 0) + 1,
    );
    expect(wavy.eyes.left?.geometry.circumference3dMm).toBeNull();
  });

  it('keeps STHKFMT R= positions out of the trace', () => {
    const thickness = [
      'STHKFMT=1;12;E;R',
      ...encodeAsciiRecords('R', Array(12).fill(9000)),
      ...encodeAsciiRecords('T', Array(12).fill(250)),
    ];
    const analysis = analyseOmaFile(buildEllipseFile(thickness));

    expect(analysis.eyes.right?.pointCount).toBe(360);
    expect(analysis.eyes.right?.geometry.hboxMm).toBeCloseTo(50, 1);
    expect(analysis.datasets.map((item) => [item.record, item.status])).toEqual(
      [
        ['STHKFMT', 'kept'],
        ['TRCFMT', 'decoded'],
        ['TRCFMT', 'decoded'],
      ],
    );
  });

  it('reads a framed upload and reports its valid CRC and producer', () => {
    const radii = createEllipseRadii(100, 20, 15);
    const frame = buildOmaFrame([
      'ANS=TRC',
      'VEN=TST',
      'DEV=TRC',
      'TRCFMT=1;100;E;R;F',
      ...encodeAsciiRecords('R', radii),
    ]);

    const analysis = analyseOmaFile(frame);

    expect(analysis.framed).toBe(true);
    expect(analysis.crc?.status).toBe('valid');
    expect(analysis.producer).toMatchObject({
      vendor: 'TST',
      device: 'TRC',
      answer: 'TRC',
    });
    expect(analysis.eyes.right?.radiiHundredthsMm).toEqual(radii);
  });

  it('keeps vendor formats unread and reports why', () => {
    const analysis = analyseOmaFile(
      buildOmaFile(['VEN=XYZ', 'TRCFMT=6;360;E;R;F', 'R=0A1B2C3D4E5F']),
    );

    expect(analysis.status).toBe('unsupported');
    expect(analysis.eyes).toEqual({});
    expect(analysis.unsupported[0]).toMatchObject({ line: 2, format: 6 });
    expect(analysis.unsupported[0]?.reason).toMatch(/vendor format/);
    expect(analysis.records[2]?.value).toBe('0A1B2C3D4E5F');
  });

  it('reports a partial result when one eye is in a vendor format', () => {
    const radii = createEllipseRadii(100, 20, 15);
    const analysis = analyseOmaFile(
      buildOmaFile([
        'TRCFMT=1;100;E;R;F',
        ...encodeAsciiRecords('R', radii),
        'TRCFMT=5;100;U;L;F',
        'R=2000;0;0',
      ]),
    );

    expect(analysis.status).toBe('partial');
    expect(Object.keys(analysis.eyes)).toEqual(['right']);
  });

  it('treats headers without data as a format announcement', () => {
    const analysis = analyseOmaFile(
      buildOmaFile([
        'ANS=INI',
        'STATUS=0',
        'TRCFMT=1;600;E;R',
        'ZFMT=1;400;E;R',
      ]),
    );

    expect(analysis.status).toBe('no-trace');
    expect(analysis.datasets.every((item) => item.status === 'announced')).toBe(
      true,
    );
  });

  it('keeps format 2 unread when the words do not read as radii', () => {
    const bigEndian = (radii: number[]) =>
      Uint8Array.from(radii.flatMap((radius) => [radius >> 8, radius & 0xff]));

    const analysis = analyseOmaFile(buildBinaryFile(2, bigEndian));

    expect(analysis.status).toBe('unsupported');
    expect(analysis.unsupported[0]?.reason).toMatch(
      /format 2 data does not read/,
    );
  });

  it('uses the first trace of an eye and reports the second as ignored', () => {
    const radii = createEllipseRadii(100, 20, 15);
    const analysis = analyseOmaFile(
      buildOmaFile([
        'TRCFMT=1;100;E;R;F',
        ...encodeAsciiRecords('R', radii),
        'TRCFMT=1;100;E;R;F',
        ...encodeAsciiRecords(
          'R',
          radii.map((radius) => radius + 100),
        ),
      ]),
    );

    expect(analysis.eyes.right?.radiiHundredthsMm).toEqual(radii);
    expect(analysis.datasets[1]?.status).toBe('ignored');
    expect(analysis.warnings[0]?.message).toMatch(
      /^line 12, record TRCFMT: an earlier/,
    );
  });

  it('notes Z data that has no trace for its eye', () => {
    const radii = createEllipseRadii(100, 20, 15);
    const analysis = analyseOmaFile(
      buildOmaFile([
        'TRCFMT=1;100;E;R;F',
        ...encodeAsciiRecords('R', radii),
        'ZFMT=1;4;E;L;F',
        'Z=10;20;10;20',
      ]),
    );

    expect(analysis.warnings[0]?.message).toBe(
      'line 12, record ZFMT: Z data for the left eye has no trace to apply to',
    );
  });
});
