import { describeText } from './readOmaFields.js';
import { OmaFormatError } from './omaFormatError.js';
import { createOmaWarning, type OmaWarning } from './omaWarning.js';
import type { OmaRecord } from './readOmaRecords.js';

/** Which header opened a dataset: trace radii, Z heights or thickness. */
export type OmaDatasetKind = 'trace' | 'z' | 'thickness';

/** One eye, in the wearer's terms. */
export type OmaSide = 'right' | 'left';

/** A dataset header with the data records that follow it. */
export interface OmaDataset {
  kind: OmaDatasetKind;
  /** The `TRCFMT`, `ZFMT` or `STHKFMT` record. */
  header: OmaRecord;
  /** Format number (1 ASCII, 2–4 binary, others vendor); null if `?`. */
  format: number | null;
  /** Declared points per eye; null if `?`. */
  count: number | null;
  /** `E` equal angles, `U` angles given in records; other text as written. */
  spacing: string;
  /** Eyes the dataset describes; `B` gives both. */
  sides: OmaSide[];
  /** `F` frame, `P` pattern, `D` demo lens; null when omitted. */
  traceType: string | null;
  /** Data records in file order (`R`, `A`, `Z`, `ZA`, `T`). */
  records: OmaRecord[];
}

/**
 * Most points a dataset may declare. Tracers send 360 to 1440 per eye; the
 * bound keeps decoding and interpolation time small for any upload.
 */
export const OMA_MAX_POINTS = 10_000;

const HEADER_KINDS: Record<string, OmaDatasetKind> = {
  TRCFMT: 'trace',
  ZFMT: 'z',
  STHKFMT: 'thickness',
};
const DATA_LABELS: Record<OmaDatasetKind, readonly string[]> = {
  trace: ['R', 'A'],
  z: ['Z', 'ZA'],
  // Thickness maps give positions in R= records: they are not trace radii.
  thickness: ['R', 'A', 'T'],
};
const ALL_DATA_LABELS = new Set(['R', 'A', 'Z', 'ZA', 'T']);
const SIDES: Record<string, OmaSide[]> = {
  R: ['right'],
  L: ['left'],
  B: ['right', 'left'],
};

/**
 * Groups data records under the most recent dataset header, whichever kind
 * it is, and parses each header's fields.
 */
export function readOmaDatasets(
  records: readonly OmaRecord[],
  warnings: OmaWarning[],
): OmaDataset[] {
  const datasets: OmaDataset[] = [];
  let current: OmaDataset | null = null;

  for (const record of records) {
    const kind = HEADER_KINDS[record.label];
    if (kind) {
      current = readDatasetHeader(record, kind, warnings);
      datasets.push(current);
    } else if (ALL_DATA_LABELS.has(record.label)) {
      assertDataBelongs(record, current);
      current.records.push(record);
    }
  }
  return datasets;
}

function assertDataBelongs(
  record: OmaRecord,
  current: OmaDataset | null,
): asserts current is OmaDataset {
  if (current === null) {
    throw new OmaFormatError(
      record.line,
      record.label,
      'data comes before any TRCFMT, ZFMT or STHKFMT header, so its ' +
        'format and eye are unknown',
    );
  }
  if (DATA_LABELS[current.kind].includes(record.label)) return;
  throw new OmaFormatError(
    record.line,
    record.label,
    `${record.label}= data cannot follow the ${current.header.label} ` +
      `header on line ${current.header.line}`,
  );
}

function readDatasetHeader(
  header: OmaRecord,
  kind: OmaDatasetKind,
  warnings: OmaWarning[],
): OmaDataset {
  const rawFields = header.value.split(';');
  const fields = rawFields.map((field) => field.trim());
  if (rawFields.some((field, index) => field !== fields[index])) {
    warnings.push(
      createOmaWarning(
        'notice',
        header.line,
        header.label,
        'spaces around header fields were ignored',
      ),
    );
  }
  if (fields.length < 4) {
    throwHeaderError(header, 'needs at least format;count;spacing;side');
  }

  const [format, count, spacing, side, traceType] = fields;
  return {
    kind,
    header,
    format: readHeaderInteger(header, 'format', format),
    count: readHeaderInteger(header, 'point count', count),
    spacing: spacing ?? '',
    sides: readSides(header, side ?? ''),
    traceType: traceType || null,
    records: [],
  };
}

function readHeaderInteger(
  header: OmaRecord,
  name: string,
  text: string | undefined,
): number | null {
  if (text === '?') return null;
  if (text === undefined || !/^\d{1,6}$/.test(text)) {
    throwHeaderError(
      header,
      `${name} "${describeText(text ?? '')}" is not a whole number`,
    );
  }
  const value = Number(text);
  if (name === 'point count' && (value === 0 || value > OMA_MAX_POINTS)) {
    throwHeaderError(
      header,
      `declares ${value} points; a trace has between 1 and ${OMA_MAX_POINTS}`,
    );
  }
  return value;
}

function readSides(header: OmaRecord, side: string): OmaSide[] {
  const sides = SIDES[side.toUpperCase()];
  if (!sides) {
    throwHeaderError(header, `side "${describeText(side)}" must be R, L or B`);
  }
  return sides;
}

function throwHeaderError(header: OmaRecord, reason: string): never {
  throw new OmaFormatError(header.line, header.label, reason);
}
