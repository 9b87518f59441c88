import { decodeAsciiValues, type OmaValueList } from './decodeAsciiValues.js';
import { decodeBinaryAbsolute } from './decodeBinaryAbsolute.js';
import { decodeBinaryDifferential } from './decodeBinaryDifferential.js';
import { decodePackedBinary } from './decodePackedBinary.js';
import { readOmaByteStream } from './omaByteStream.js';
import { OmaFormatError } from './omaFormatError.js';
import type { OmaDataset, OmaDatasetKind } from './readOmaDatasets.js';
import type { OmaRecord } from './readOmaRecords.js';

/** Decoded values of one dataset: radii or heights, and their angles. */
export interface OmaDecodedDataset {
  status: 'decoded';
  /** Radii or Z heights in 1/100 mm, in the order written. */
  values: number[];
  /** Angle of each value in degrees, counter-clockwise from +x. */
  anglesDeg: number[];
  /** Line of each value, for messages about single points. */
  lines: number[];
}

/** A dataset kept as written because it cannot be read with confidence. */
export interface OmaUnreadDataset {
  status: 'unsupported';
  reason: string;
}

const VENDOR_FORMATS: Record<number, string> = {
  5: 'a vendor format (Huvitz ASCII differential)',
  6: 'a vendor format (Huvitz reversed differential, or Nidek encoded)',
};
const DATA_LABELS: Record<
  OmaDatasetKind,
  { valueLabel: string; angleLabel: string }
> = {
  trace: { valueLabel: 'R', angleLabel: 'A' },
  z: { valueLabel: 'Z', angleLabel: 'ZA' },
  thickness: { valueLabel: 'T', angleLabel: 'A' },
};
const VALUE_NOUNS: Record<string, string> = {
  T: 'thickness values',
  R: 'radii',
  A: 'angles',
  Z: 'heights',
  ZA: 'angles',
};
// A 16-bit word per radius is the only reading of format 2 we know of, and
// no sample confirms it; beyond these bounds the guess is refused.
const FORMAT_2_MAX_RADIUS = 10_000;
const FORMAT_2_MAX_STEP = 500;

/**
 * Decodes a TRCFMT, ZFMT or STHKFMT dataset. Formats that are vendor-specific,
 * undocumented or unknown come back as `unsupported` with the reason; data
 * that contradicts its own header is an error with the line.
 */
export function decodeOmaDataset(
  dataset: OmaDataset,
): OmaDecodedDataset | OmaUnreadDataset {
  const { format, count, spacing, kind } = dataset;
  const { valueLabel, angleLabel } = DATA_LABELS[kind];
  const valueRecords = pickRecords(dataset, valueLabel);

  if (format === null) return unsupported('its format is unknown (?)');
  if (format < 1 || format > 4) {
    return unsupported(
      `format ${format} is ${VENDOR_FORMATS[format] ?? 'not a DCS format'}; ` +
        'the data is kept as written',
    );
  }
  if (count === null) {
    return unsupported(
      'its point count is unknown (?), so it cannot be checked',
    );
  }
  if (spacing !== 'E' && spacing !== 'U') {
    return unsupported(`spacing "${spacing}" is neither E nor U`);
  }
  if (spacing === 'U' && format !== 1) {
    return unsupported(
      `unequal spacing with binary format ${format} has no documented angle layout`,
    );
  }
  if (format !== 1 && kind !== 'trace') {
    return unsupported(
      `${dataset.header.label} data in binary format ${format} is not documented`,
    );
  }
  if (kind === 'thickness') assertThicknessPositions(dataset);

  const decoded = decodeValues(dataset, valueRecords, format, count);
  if (decoded.status === 'unsupported') return decoded;
  assertCount(dataset, valueRecords, decoded.values.length, valueLabel);

  const anglesDeg =
    spacing === 'E'
      ? decoded.values.map((_, index) => (360 * index) / count)
      : readAngles(dataset, angleLabel, count);
  return { ...decoded, status: 'decoded', anglesDeg };
}

function decodeValues(
  dataset: OmaDataset,
  records: OmaRecord[],
  format: number,
  count: number,
): (OmaValueList & { status: 'decoded' }) | OmaUnreadDataset {
  if (format === 1) return { status: 'decoded', ...decodeAsciiValues(records) };

  const stream = readOmaByteStream(records);
  if (format === 3) {
    return { status: 'decoded', ...decodeBinaryDifferential(stream) };
  }
  if (format === 4) {
    const packed = decodePackedBinary(stream, count);
    if (packed.unreadNibbles > 1) {
      throwCountError(dataset, records, `more than ${count}`, 'R');
    }
    return { status: 'decoded', values: packed.values, lines: packed.lines };
  }

  if (stream.bytes.length !== count * 2) {
    const found = `${stream.bytes.length / 2}`;
    throwCountError(dataset, records, found, 'R');
  }
  const absolute = decodeBinaryAbsolute(stream);
  if (!isPlausibleTrace(absolute.values)) {
    return unsupported(
      'format 2 data does not read as 16-bit radii (values jump or fall ' +
        'outside 0-100 mm), and its layout is not confirmed',
    );
  }
  return { status: 'decoded', ...absolute };
}

// Thickness maps give the radius of each thickness point in R= records.
function assertThicknessPositions(dataset: OmaDataset) {
  const positions = pickRecords(dataset, 'R');
  if (positions.length === 0) return;
  const { values } = decodeAsciiValues(positions);
  assertCount(dataset, positions, values.length, 'R');
}

function isPlausibleTrace(radii: number[]): boolean {
  return radii.every((radius, index) => {
    const previous = radii[index === 0 ? radii.length - 1 : index - 1] ?? 0;
    return (
      radius > 0 &&
      radius <= FORMAT_2_MAX_RADIUS &&
      Math.abs(radius - previous) <= FORMAT_2_MAX_STEP
    );
  });
}

function readAngles(dataset: OmaDataset, label: string, count: number) {
  const records = pickRecords(dataset, label);
  const { values } = decodeAsciiValues(records);
  if (values.length !== count) {
    throwCountError(dataset, records, String(values.length), label);
  }
  // Angles are written in 1/100 degree.
  return values.map((value) => value / 100);
}

function assertCount(
  dataset: OmaDataset,
  records: OmaRecord[],
  found: number,
  label: string,
): void {
  if (found !== dataset.count) {
    throwCountError(dataset, records, String(found), label);
  }
}

function throwCountError(
  dataset: OmaDataset,
  records: OmaRecord[],
  found: string,
  label: string,
): never {
  const { header, count } = dataset;
  const last = records.at(-1);
  const noun = VALUE_NOUNS[label] ?? 'values';
  throw new OmaFormatError(
    last?.line ?? header.line,
    label,
    `${header.label} on line ${header.line} declares ${count} ${noun} ` +
      `but ${found} were found`,
  );
}

function pickRecords(dataset: OmaDataset, label: string): OmaRecord[] {
  return dataset.records.filter((record) => record.label === label);
}

function unsupported(reason: string): OmaUnreadDataset {
  return { status: 'unsupported', reason };
}
