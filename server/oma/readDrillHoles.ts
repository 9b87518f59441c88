import type { OmaPoint } from './computeTraceGeometry.js';
import { readOmaFields } from './readOmaFields.js';
import { createOmaWarning, type OmaWarning } from './omaWarning.js';
import type { OmaSide } from './readOmaDatasets.js';
import type { OmaRecord } from './readOmaRecords.js';

/** A drill hole or slot from a `DRILLE` record, in millimetres. */
export interface OmaDrillHole {
  sides: OmaSide[];
  /** Reference point code as written (`C`: box centre). */
  reference: string;
  startMm: OmaPoint;
  /** Same as `startMm` for a round hole; the far end for a slot. */
  endMm: OmaPoint;
  diameterMm: number;
  line: number;
}

const SIDES: Record<string, OmaSide[]> = {
  R: ['right'],
  L: ['left'],
  B: ['right', 'left'],
};
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Reads `DRILLE=side;ref;x;y;diameter;x2;y2;…`. `DRILLE=0` means no holes.
 * A record that does not fit is kept in the file and reported, not drawn.
 */
export function readDrillHoles(
  records: readonly OmaRecord[],
  warnings: OmaWarning[],
): OmaDrillHole[] {
  const holes: OmaDrillHole[] = [];
  for (const record of records.filter((item) => item.label === 'DRILLE')) {
    const fields = readOmaFields(record.value);
    if (fields.length === 1 && fields[0] === '0') continue;

    const hole = readDrillHole(fields, record.line);
    if (hole) holes.push(hole);
    else {
      warnings.push(
        createOmaWarning(
          'notice',
          record.line,
          'DRILLE',
          'drill hole not understood (expected side;reference;x;y;diameter); ' +
            'it is kept in the file but not drawn',
        ),
      );
    }
  }
  return holes;
}

function readDrillHole(
  fields: Array<string | null>,
  line: number,
): OmaDrillHole | null {
  const [side, reference, x, y, diameter, x2, y2] = fields;
  const sides = SIDES[side ?? ''];
  const [startX, startY, diameterMm] = [x, y, diameter].map(readNumber);
  if (!sides || startX === undefined || startY === undefined) return null;
  if (!diameterMm || diameterMm <= 0) return null;

  const endX = readNumber(x2) ?? startX;
  const endY = readNumber(y2) ?? startY;
  return {
    sides,
    reference: reference ?? '',
    startMm: { xMm: startX, yMm: startY },
    endMm: { xMm: endX, yMm: endY },
    diameterMm,
    line,
  };
}

function readNumber(text: string | null | undefined): number | undefined {
  if (!text || !NUMBER_PATTERN.test(text)) return undefined;
  return Number(text);
}
