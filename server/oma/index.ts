/**
 * Public API of the OMA (VCA DCS) reader for the oma worker and routes:
 * analyse an upload, refuse it when no shape is readable, draw the preview,
 * write records back.
 */
export { analyseOmaFile, OMA_MAX_FILE_BYTES } from './analyseOmaFile.js';
export { assertOmaShapeReadable } from './assertOmaShapeReadable.js';
export { renderOmaPreviewSvg } from './renderOmaPreviewSvg.js';
export { writeOmaRecords } from './writeOmaRecords.js';
export { readOmaRecords } from './readOmaRecords.js';
export { OmaFormatError } from './omaFormatError.js';
export { OMA_TOLERANCES_MM } from './compareDeclaredValues.js';
export type { OmaComparison, OmaQuantity } from './compareDeclaredValues.js';
export type { OmaPoint, OmaTraceGeometry } from './computeTraceGeometry.js';
export type {
  OmaAnalysis,
  OmaDatasetSummary,
  OmaEyeAnalysis,
  OmaFrameAnalysis,
} from './omaAnalysis.js';
export type { OmaWarning } from './omaWarning.js';
export type { OmaDeclaredValue, OmaOrderValue } from './readDeclaredValues.js';
export type { OmaDrillHole } from './readDrillHoles.js';
export type { OmaCrcCheck } from './readOmaMessage.js';
export type { OmaSide } from './readOmaDatasets.js';
export type { OmaProducer } from './readOmaProducer.js';
export type { OmaLineEnding, OmaRecord } from './readOmaRecords.js';
