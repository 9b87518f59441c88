import type { OmaAnalysis, OmaEyeAnalysis } from '../oma/index.js';
import type { TracerEyeRow, TracerResultValues } from './tracerRepository.js';

/** The upload a result belongs to. */
export interface TracerResultKeys {
  companyId: string;
  orderId: string;
  uploadId: string;
  jobId: string;
}

/**
 * The rows that record a readable file: the result, with the file's
 * declared values, warnings and unread datasets, and one row per eye.
 */
export function createTracerResultValues(
  keys: TracerResultKeys,
  analysis: OmaAnalysis,
  previewDocumentId: string,
): { result: TracerResultValues; eyes: Omit<TracerEyeRow, 'resultId'>[] } {
  const result: TracerResultValues = {
    ...keys,
    // assertOmaShapeReadable lets only these two through.
    status: analysis.status === 'partial' ? 'partial' : 'complete',
    reason: null,
    reasonLine: null,
    reasonRecord: null,
    formats: analysis.formats,
    producer: analysis.producer,
    dblMm: analysis.frame.dblMm,
    framePdMm: analysis.frame.framePdMm,
    comparisons: analysis.comparisons,
    orderValues: analysis.orderValues,
    warnings: analysis.warnings,
    unsupported: analysis.unsupported.map((dataset) => ({
      record: dataset.record,
      line: dataset.line,
      format: dataset.format,
      reason: dataset.reason,
    })),
    previewDocumentId,
  };
  const eyes = [analysis.eyes.right, analysis.eyes.left]
    .filter((eye) => eye !== undefined)
    .map(createEyeValues);
  return { result, eyes };
}

/** Why a file cannot be read; `OmaFormatError` has this shape. */
export interface TracerFailure {
  /** Full text, prefixed with line and record when known. */
  message: string;
  line: number | null;
  record: string | null;
}

/** The row that records a file that cannot be read, and why. */
export function createInvalidTracerResultValues(
  keys: TracerResultKeys,
  failure: TracerFailure,
): TracerResultValues {
  return {
    ...keys,
    status: 'invalid',
    reason: failure.message,
    reasonLine: failure.line,
    reasonRecord: failure.record,
    formats: [],
    producer: null,
    dblMm: null,
    framePdMm: null,
    comparisons: [],
    orderValues: [],
    warnings: [],
    unsupported: [],
    previewDocumentId: null,
  };
}

function createEyeValues(eye: OmaEyeAnalysis): Omit<TracerEyeRow, 'resultId'> {
  const { geometry } = eye;
  return {
    side: eye.side,
    format: eye.format,
    pointCount: eye.pointCount,
    zPointCount: eye.zPointCount,
    hboxMm: geometry.hboxMm,
    vboxMm: geometry.vboxMm,
    circumferenceMm: geometry.circumferenceMm,
    circumference3dMm: geometry.circumference3dMm,
    effectiveDiameterMm: geometry.effectiveDiameterMm,
    effectiveDiameterAxisDeg: geometry.effectiveDiameterAxisDeg,
    boxCentreOffsetXMm: geometry.boxCentreOffsetMm.xMm,
    boxCentreOffsetYMm: geometry.boxCentreOffsetMm.yMm,
    declared: { ...eye.declared },
  };
}
