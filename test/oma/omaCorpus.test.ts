import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseOmaFile } from '../../server/oma/analyseOmaFile.js';
import { escapeOmaBinary } from '../../server/oma/omaByteStream.js';
import type { OmaAnalysis } from '../../server/oma/omaAnalysis.js';

// The shared corpus lives beside the repository and is never copied into it.
const CORPUS_DIR = fileURLToPath(
  new URL('../../../shared/oma-corpus/', import.meta.url),
);
const hasCorpus = existsSync(CORPUS_DIR);
if (!hasCorpus) {
  console.info(
    'OMA corpus suite skipped: ../shared/oma-corpus is not beside the repository',
  );
}

const read = (name: string) => readFileSync(`${CORPUS_DIR}${name}`);
const analyse = (name: string) => analyseOmaFile(read(name));

/** Expected computed values per README section 4.1: HBOX, VBOX, CIRC. */
const FORMAT_1_FILES: Array<[string, number, number, number, number]> = [
  ['lp-STHKFMT.oma', 360, 54.955, 39.009, 151.761],
  ['lp-R1000_1.oma', 1000, 50.997, 40.078, 150.895],
  ['lp-R1000_3.oma', 1000, 48.003, 37.985, 136.643],
  ['mcapp-silhouette-00EY.oma', 1000, 52.004, 34.012, 150.679],
  ['lp-R360_1.oma', 360, 54.999, 38.014, 156.395],
  ['lp-R360_2.oma', 360, 48.005, 38.007, 144.259],
  ['lensfrontend-R360_1-crcrlf.oma', 360, 54.999, 38.014, 156.395],
];

function expectAllAgree(analysis: OmaAnalysis, quantities: string[]) {
  const compared = analysis.comparisons.filter((item) =>
    quantities.includes(item.quantity),
  );
  expect(compared.length).toBeGreaterThan(0);
  expect(compared.filter((item) => !item.agrees)).toEqual([]);
}

describe.runIf(hasCorpus)('OMA corpus (../shared/oma-corpus)', () => {
  it.each(FORMAT_1_FILES)(
    'measures %s like the reference values',
    (name, points, hbox, vbox, circ) => {
      const analysis = analyse(name);

      expect(analysis.status).toBe('complete');
      for (const eye of [analysis.eyes.right, analysis.eyes.left]) {
        expect(eye?.pointCount).toBe(points);
        expect(eye?.geometry.hboxMm).toBeCloseTo(hbox, 2);
        expect(eye?.geometry.vboxMm).toBeCloseTo(vbox, 2);
        expect(eye?.geometry.circumferenceMm).toBeCloseTo(circ, 2);
      }
      expect(analysis.comparisons.every((item) => item.agrees)).toBe(true);
    },
  );

  it('reads the CR CR LF copy like the original', () => {
    const damaged = analyse('lensfrontend-R360_1-crcrlf.oma');
    const original = analyse('lp-R360_1.oma');

    expect(damaged.lineEnding).toBe('crcrlf');
    expect(damaged.eyes.right?.radiiHundredthsMm).toEqual(
      original.eyes.right?.radiiHundredthsMm,
    );
  });

  it('keeps STHKFMT thickness data apart from the trace', () => {
    const analysis = analyse('lp-STHKFMT.oma');
    const kinds = analysis.datasets.map(
      (item) => `${item.record}:${item.status}`,
    );

    expect(kinds).toEqual([
      'STHKFMT:kept',
      'STHKFMT:kept',
      'TRCFMT:decoded',
      'TRCFMT:decoded',
    ]);
    expectAllAgree(analysis, ['HBOX', 'VBOX', 'CIRC']);
  });

  it('uses the tracer box over the order box and Z for CIRC3D in the LDS file', () => {
    const analysis = analyse('mcapp-lds-062884.oma');

    expect(analysis.eyes.right?.zPointCount).toBe(250);
    expect(analysis.eyes.right?.geometry.circumference3dMm).toBeCloseTo(
      155.69,
      1,
    );
    expect(analysis.eyes.left?.geometry.circumference3dMm).toBeCloseTo(
      156.119,
      1,
    );
    expect(analysis.eyes.right?.declared.HBOX?.value).toBe(56.69);
    expectAllAgree(analysis, ['HBOX', 'VBOX', 'CIRC', 'CIRC3D']);
    expect(analysis.orderValues.map((item) => item.label)).toContain('HBOX');
  });

  it('does not check the typed box appended to the Silhouette file', () => {
    const analysis = analyse('mcapp-silhouette-00EY.oma');

    expect(analysis.comparisons.map((item) => item.quantity)).toEqual([
      'CIRC',
      'CIRC',
    ]);
    expect(
      analysis.orderValues.map((item) => `${item.label}=${item.value}`),
    ).toEqual(expect.arrayContaining(['HBOX=52', 'VBOX=35', 'EYESIZ=52']));
    expect(analysis.drillHoles).toHaveLength(4);
  });

  it('decodes the format 3 fragment and says its CRC cannot be checked', () => {
    const analysis = analyse('huvitz-dstest-trcfmt3-fragment.bin');

    expect(analysis.eyes.right?.radiiHundredthsMm[0]).toBe(2423);
    expect(analysis.eyes.left?.radiiHundredthsMm[0]).toBe(2427);
    expect(analysis.eyes.left?.geometry.hboxMm).toBeCloseTo(49.339, 2);
    expect(analysis.crc).toMatchObject({
      status: 'unverifiable',
      declared: 8318,
    });
    expectAllAgree(analysis, ['HBOX', 'VBOX', 'CIRC']);
  });

  it('decodes the format 4 vector, raw and escaped, to its 400 radii', () => {
    const radii = read('pbf-vector-r400.radii.txt')
      .toString('latin1')
      .split(/[;\s]+/)
      .filter(Boolean)
      .map(Number);
    const packed = escapeOmaBinary(read('pbf-vector-r400.packed.bin'));
    const wrap = (bytes: Buffer) =>
      Buffer.concat([
        Buffer.from('TRCFMT=4;400;E;R;F\rR='),
        bytes,
        Buffer.from('\r'),
      ]);

    expect(packed.equals(read('pbf-vector-r400.escaped.bin'))).toBe(true);
    expect(analyseOmaFile(wrap(packed)).eyes.right?.radiiHundredthsMm).toEqual(
      radii,
    );
  });

  it.each([
    ['huvitz-frame-ANS-TRC.bin', 16795],
    ['huvitz-frame-ANS-TRC-2014112700002.bin', 923],
  ])('checks the CRC of %s and keeps its vendor trace unread', (name, crc) => {
    const analysis = analyse(name);

    expect(analysis.crc).toMatchObject({ status: 'valid', declared: crc });
    expect(analysis.status).toBe('unsupported');
    expect(analysis.formats).toEqual([5]);
  });

  it('finds no trace in the REQ=TRC request frame', () => {
    const analysis = analyse('huvitz-frame-REQ-TRC.bin');

    expect(analysis.status).toBe('no-trace');
    expect(analysis.crc?.declared).toBe(19087);
  });

  it('checks the trailing CRC record of the job-text file', () => {
    const analysis = analyse('huvitz-jobtext-derived.oma');

    expect(analysis.crc).toMatchObject({ status: 'valid', declared: 60824 });
    expect(analysis.formats).toEqual([5, 6]);
  });

  it('keeps the Nidek format 6 blob and its declared values', () => {
    const analysis = analyse('lp-TRCFMT6.oma');
    const blob = analysis.records.filter((record) => record.label === 'R');

    expect(analysis.status).toBe('unsupported');
    expect(analysis.producer.vendor).toBe('NDKVCA');
    expect(blob.every((record) => /^[0-9A-F]+$/.test(record.value))).toBe(true);
  });

  it('checks the CRC of every framed host answer in the JSON fixture', () => {
    const frames = JSON.parse(
      read('bananalab-oma-host-exchange.json').toString('utf8'),
    ) as Record<string, string>;

    for (const frame of Object.values(frames)) {
      const analysis = analyseOmaFile(Buffer.from(frame, 'latin1'));
      expect(analysis.crc?.status).toBe('valid');
    }
    expect(Object.keys(frames)).toHaveLength(5);
  });
});
