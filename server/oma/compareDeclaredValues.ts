import type { OmaTraceGeometry } from './computeTraceGeometry.js';
import { createOmaWarning, type OmaWarning } from './omaWarning.js';
import type { OmaSide } from './readOmaDatasets.js';
import type {
  OmaDeclaredValue,
  OmaDeclaredValues,
  OmaEyeQuantity,
} from './readDeclaredValues.js';

/** Quantities compared: the per-eye ones and the frame PD. */
export type OmaQuantity = OmaEyeQuantity | 'FPD';

/** One declared value set against the value computed from the trace. */
export interface OmaComparison {
  quantity: OmaQuantity;
  /** Eye compared; null for the frame PD. */
  side: OmaSide | null;
  /** Line of the declaring record. */
  line: number;
  declaredMm: number;
  computedMm: number;
  differenceMm: number;
  toleranceMm: number;
  agrees: boolean;
}

/**
 * How far a declared value may be from ours. Tracers round the box to
 * 0.01 mm and compute the perimeter their own way (0.05–0.15 mm shorter than
 * the polygon), so these are the smallest bounds every known producer meets.
 */
export const OMA_TOLERANCES_MM: Record<OmaQuantity, number> = {
  HBOX: 0.02,
  VBOX: 0.02,
  CIRC: 0.2,
  CIRC3D: 0.2,
  FED: 0.1,
  FPD: 0.1,
};
// Absorbs binary floating point error so 0.02 exactly still agrees.
const ROUNDING_SLACK_MM = 1e-9;

/** Frame values the comparison needs beside each eye's geometry. */
export interface OmaFrameValues {
  framePdMm: number | null;
}

/**
 * Compares every declared measurement with the trace and returns the
 * comparisons, adding one `disagreement` warning per value out of tolerance.
 */
export function compareDeclaredValues(
  geometries: Partial<Record<OmaSide, OmaTraceGeometry>>,
  declared: OmaDeclaredValues,
  frame: OmaFrameValues,
  warnings: OmaWarning[],
): OmaComparison[] {
  const comparisons: OmaComparison[] = [];

  for (const side of ['right', 'left'] as const) {
    const geometry = geometries[side];
    if (!geometry) continue;
    const computed = readComputed(geometry);
    for (const [quantity, value] of Object.entries(declared.eyes[side])) {
      const computedMm = computed[quantity as OmaEyeQuantity];
      if (computedMm === null || !value) continue;
      comparisons.push(
        compare(quantity as OmaEyeQuantity, side, value, computedMm),
      );
    }
  }
  if (declared.fpd && frame.framePdMm !== null) {
    comparisons.push(compare('FPD', null, declared.fpd, frame.framePdMm));
  }

  for (const comparison of comparisons.filter((item) => !item.agrees)) {
    warnings.push(describeDisagreement(comparison));
  }
  return comparisons;
}

function readComputed(geometry: OmaTraceGeometry) {
  return {
    HBOX: geometry.hboxMm,
    VBOX: geometry.vboxMm,
    CIRC: geometry.circumferenceMm,
    CIRC3D: geometry.circumference3dMm,
    FED: geometry.effectiveDiameterMm,
  };
}

function compare(
  quantity: OmaQuantity,
  side: OmaSide | null,
  declared: OmaDeclaredValue,
  computedMm: number,
): OmaComparison {
  const differenceMm = computedMm - declared.value;
  const toleranceMm = OMA_TOLERANCES_MM[quantity];
  return {
    quantity,
    side,
    line: declared.line,
    declaredMm: declared.value,
    computedMm,
    differenceMm,
    toleranceMm,
    agrees: Math.abs(differenceMm) <= toleranceMm + ROUNDING_SLACK_MM,
  };
}

function describeDisagreement(comparison: OmaComparison): OmaWarning {
  const eye = comparison.side ? `${comparison.side} eye ` : '';
  const source = comparison.quantity === 'FPD' ? 'HBOX + DBL' : 'the trace';
  return createOmaWarning(
    'disagreement',
    comparison.line,
    comparison.quantity,
    `${eye}declares ${comparison.declaredMm.toFixed(2)} mm but ${source} ` +
      `gives ${comparison.computedMm.toFixed(3)} mm (difference ` +
      `${Math.abs(comparison.differenceMm).toFixed(3)} mm, tolerance ` +
      `${comparison.toleranceMm.toFixed(2)} mm)`,
  );
}
