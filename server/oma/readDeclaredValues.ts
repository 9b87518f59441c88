import { readOmaFields, parseOmaNumber } from './readOmaFields.js';
import type { OmaSide } from './readOmaDatasets.js';
import type { OmaRecord } from './readOmaRecords.js';

/** Per-eye quantities a producer may declare and the trace can check. */
export type OmaEyeQuantity = 'HBOX' | 'VBOX' | 'CIRC' | 'CIRC3D' | 'FED';

/** A value the file states, with the record it came from. */
export interface OmaDeclaredValue {
  label: string;
  line: number;
  value: number;
}

/** A value typed at order entry or replaced later: shown, never checked. */
export interface OmaOrderValue {
  label: string;
  line: number;
  side: OmaSide | null;
  value: number;
  /** `typed`: whole millimetres; `superseded`: a later record replaces it. */
  reason: 'typed' | 'superseded';
}

/** Everything declared in a file, split into measurements and order values. */
export interface OmaDeclaredValues {
  eyes: Record<OmaSide, Partial<Record<OmaEyeQuantity, OmaDeclaredValue>>>;
  dbl: OmaDeclaredValue | null;
  fpd: OmaDeclaredValue | null;
  orderValues: OmaOrderValue[];
}

const EYE_QUANTITIES: readonly OmaEyeQuantity[] = [
  'HBOX',
  'VBOX',
  'CIRC',
  'CIRC3D',
  'FED',
];
// Labels that only ever hold what someone typed for the order.
const ORDER_ONLY_LABELS = new Set(['EYESIZ', 'ED']);
const SIDES: readonly OmaSide[] = ['right', 'left'];
// Tracers and lab systems write measured sizes to 0.01 mm; a value in
// whole millimetres (HBOX=52, FED=54) was typed or rounded, so checking it
// against the trace would report a difference nobody can act on.
const WHOLE_NUMBER_PATTERN = /^[+-]?\d+$/;

/**
 * Reads the sizes a file declares. When a label repeats, the last measured
 * value wins (a tracer answer pasted after the order entry overrides it).
 */
export function readDeclaredValues(
  records: readonly OmaRecord[],
): OmaDeclaredValues {
  const declared: OmaDeclaredValues = {
    eyes: { right: {}, left: {} },
    dbl: null,
    fpd: null,
    orderValues: [],
  };

  for (const record of records) {
    const quantity = EYE_QUANTITIES.find((name) => name === record.label);
    if (quantity) readEyeRecord(record, quantity, declared);
    else if (ORDER_ONLY_LABELS.has(record.label))
      readOrderRecord(record, declared);
    else if (record.label === 'DBL') declared.dbl = readFrameValue(record);
    else if (record.label === 'FPD') declared.fpd = readFrameValue(record);
  }
  return declared;
}

function readEyeRecord(
  record: OmaRecord,
  quantity: OmaEyeQuantity,
  declared: OmaDeclaredValues,
): void {
  const single = readOmaFields(record.value).length === 1;
  readPerSide(record).forEach(({ side, text }) => {
    const value = parseOmaNumber(text, record);
    if (WHOLE_NUMBER_PATTERN.test(text)) {
      if (single && side === 'left') return;
      const typedSide = single ? null : side;
      declared.orderValues.push(orderValue(record, typedSide, value, 'typed'));
      return;
    }
    const earlier = declared.eyes[side][quantity];
    if (earlier) {
      declared.orderValues.push({
        ...orderValue(record, side, earlier.value, 'superseded'),
        label: earlier.label,
        line: earlier.line,
      });
    }
    declared.eyes[side][quantity] = {
      label: record.label,
      line: record.line,
      value,
    };
  });
}

function readOrderRecord(record: OmaRecord, declared: OmaDeclaredValues) {
  const single = readOmaFields(record.value).length === 1;
  for (const { side, text } of readPerSide(record)) {
    if (single && side === 'left') continue;
    const value = parseOmaNumber(text, record);
    const typedSide = single ? null : side;
    declared.orderValues.push(orderValue(record, typedSide, value, 'typed'));
  }
}

function readFrameValue(record: OmaRecord): OmaDeclaredValue | null {
  const text = readOmaFields(record.value)[0];
  if (!text) return null;
  return {
    label: record.label,
    line: record.line,
    value: parseOmaNumber(text, record),
  };
}

/** One entry per eye with a value; a single value stands for both eyes. */
function readPerSide(record: OmaRecord) {
  const fields = readOmaFields(record.value);
  return SIDES.flatMap((side, index) => {
    const text = fields.length === 1 ? fields[0] : fields[index];
    return text ? [{ side, text }] : [];
  });
}

function orderValue(
  record: OmaRecord,
  side: OmaSide | null,
  value: number,
  reason: OmaOrderValue['reason'],
): OmaOrderValue {
  return { label: record.label, line: record.line, side, value, reason };
}
