import {
  computeTraceGeometry,
  computeTracePoints,
} from './computeTraceGeometry.js';
import {
  decodeOmaDataset,
  type OmaDecodedDataset,
} from './decodeOmaDataset.js';
import type { OmaDatasetSummary, OmaEyeAnalysis } from './omaAnalysis.js';
import { OmaFormatError } from './omaFormatError.js';
import { createOmaWarning, type OmaWarning } from './omaWarning.js';
import type { OmaDataset, OmaSide } from './readOmaDatasets.js';
import { resampleHeights } from './resampleHeights.js';

/** Eyes built from the datasets, and a summary of every dataset. */
export interface OmaEyeReading {
  eyes: Partial<Record<OmaSide, OmaEyeAnalysis>>;
  datasets: OmaDatasetSummary[];
}

type EyeTrace = Omit<OmaEyeAnalysis, 'geometry' | 'declared' | 'zPointCount'>;
type EyeHeights = OmaDecodedDataset & { headerLine: number };

/** Traces and heights found so far, per eye, while datasets are read. */
interface EyeData {
  traces: Partial<Record<OmaSide, EyeTrace>>;
  heights: Partial<Record<OmaSide, EyeHeights>>;
}

/**
 * Decodes trace and Z datasets and measures each eye. The first readable
 * trace of an eye is used; a side `B` trace gives the left eye as its
 * mirror image, because both eyes share one viewing frame.
 */
export function readOmaEyes(
  datasets: readonly OmaDataset[],
  warnings: OmaWarning[],
): OmaEyeReading {
  const data: EyeData = { traces: {}, heights: {} };
  const summaries = datasets.map((dataset) =>
    readDataset(dataset, data, warnings),
  );

  const eyes: Partial<Record<OmaSide, OmaEyeAnalysis>> = {};
  for (const side of ['right', 'left'] as const) {
    const trace = data.traces[side];
    const heights = data.heights[side] ?? null;
    if (trace) {
      eyes[side] = measureEye(trace, heights);
    } else if (heights) {
      const reason = `Z data for the ${side} eye has no trace to apply to`;
      warnings.push(
        createOmaWarning('notice', heights.headerLine, 'ZFMT', reason),
      );
    }
  }
  return { eyes, datasets: summaries };
}

function readDataset(
  dataset: OmaDataset,
  data: EyeData,
  warnings: OmaWarning[],
): OmaDatasetSummary {
  const summary = summarise(dataset);
  if (dataset.records.length === 0) return { ...summary, status: 'announced' };

  const decoded = decodeOmaDataset(dataset);
  if (decoded.status === 'unsupported') {
    return { ...summary, status: 'unsupported', reason: decoded.reason };
  }
  if (dataset.kind === 'thickness') return { ...summary, status: 'kept' };
  if (dataset.kind === 'trace') {
    return placeTrace(dataset, decoded, data.traces, summary, warnings);
  }

  const shared = dataset.sides.length > 1;
  for (const side of dataset.sides) {
    const oriented = orient(decoded, side, shared);
    data.heights[side] ??= { ...oriented, headerLine: dataset.header.line };
  }
  return summary;
}

function placeTrace(
  dataset: OmaDataset,
  decoded: OmaDecodedDataset,
  traces: Partial<Record<OmaSide, EyeTrace>>,
  summary: OmaDatasetSummary,
  warnings: OmaWarning[],
): OmaDatasetSummary {
  assertPositiveRadii(dataset, decoded);
  const free = dataset.sides.filter((side) => !traces[side]);
  if (free.length === 0) {
    const reason = 'an earlier trace for this eye is used';
    warnings.push(
      createOmaWarning('notice', dataset.header.line, 'TRCFMT', reason),
    );
    return { ...summary, status: 'ignored', reason };
  }

  for (const side of free) {
    const oriented = orient(decoded, side, dataset.sides.length > 1);
    traces[side] = {
      side,
      format: dataset.format ?? 0,
      pointCount: oriented.values.length,
      spacing: dataset.spacing,
      traceType: dataset.traceType,
      headerLine: dataset.header.line,
      radiiHundredthsMm: oriented.values,
      anglesDeg: oriented.anglesDeg,
    };
  }
  return { ...summary, status: 'decoded' };
}

function measureEye(
  trace: EyeTrace,
  heights: EyeHeights | null,
): OmaEyeAnalysis {
  const points = computeTracePoints(trace.radiiHundredthsMm, trace.anglesDeg);
  const heightsMm = heights
    ? resampleHeights(
        heights.values.map((value) => value / 100),
        heights.anglesDeg,
        trace.anglesDeg,
      )
    : null;
  return {
    ...trace,
    zPointCount: heights ? heights.values.length : null,
    geometry: computeTraceGeometry(points, heightsMm),
    declared: {},
  };
}

/** The left eye of a side `B` dataset is the mirror image about the y axis. */
function orient(
  decoded: OmaDecodedDataset,
  side: OmaSide,
  shared: boolean,
): OmaDecodedDataset {
  if (side === 'right' || !shared) return decoded;
  return {
    ...decoded,
    anglesDeg: decoded.anglesDeg.map((angle) => 180 - angle),
  };
}

function assertPositiveRadii(dataset: OmaDataset, decoded: OmaDecodedDataset) {
  const index = decoded.values.findIndex((radius) => radius <= 0);
  if (index < 0) return;
  throw new OmaFormatError(
    decoded.lines[index] ?? dataset.header.line,
    'R',
    `radius ${decoded.values[index]} at point ${index + 1} is not positive; ` +
      'the tracer lost the shape there, so trace the frame again',
  );
}

function summarise(dataset: OmaDataset): OmaDatasetSummary {
  return {
    kind: dataset.kind,
    record: dataset.header.label,
    line: dataset.header.line,
    sides: dataset.sides,
    format: dataset.format,
    count: dataset.count,
    spacing: dataset.spacing,
    status: 'decoded',
    reason: null,
  };
}
