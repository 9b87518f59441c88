import type {
  TracerEyeView,
  TracerResultView,
} from '../../shared/api/omaRequests.js';
import type {
  OmaUploadRow,
  TracerEyeRow,
  TracerResultRow,
} from './tracerRepository.js';

/** An upload and its result (null while the job has not run) for the API. */
export function toTracerResultView(
  upload: OmaUploadRow,
  result: TracerResultRow | null,
  eyes: readonly TracerEyeRow[],
): TracerResultView {
  const findEye = (side: 'right' | 'left') => {
    const eye = eyes.find(
      (row) => row.resultId === result?.id && row.side === side,
    );
    return eye ? toEyeView(eye) : null;
  };
  return {
    uploadId: upload.id,
    jobId: upload.jobId,
    uploadedAt: upload.createdAt.toISOString(),
    uploadedByUserId: upload.uploadedByUserId,
    originalFileName: upload.originalFileName,
    sizeBytes: upload.sizeBytes,
    status: result?.status ?? 'pending',
    reason: result?.reason ?? null,
    reasonLine: result?.reasonLine ?? null,
    reasonRecord: result?.reasonRecord ?? null,
    formats: result?.formats ?? [],
    producer: result?.producer ?? null,
    eyes: { right: findEye('right'), left: findEye('left') },
    frame: {
      dblMm: result?.dblMm ?? null,
      framePdMm: result?.framePdMm ?? null,
    },
    comparisons: result?.comparisons ?? [],
    orderValues: result?.orderValues ?? [],
    warnings: result?.warnings ?? [],
    unsupported: result?.unsupported ?? [],
    previewDocumentId: result?.previewDocumentId ?? null,
    analysedAt: result?.analysedAt.toISOString() ?? null,
  };
}

function toEyeView(eye: TracerEyeRow): TracerEyeView {
  return {
    format: eye.format,
    pointCount: eye.pointCount,
    zPointCount: eye.zPointCount,
    hboxMm: eye.hboxMm,
    vboxMm: eye.vboxMm,
    circumferenceMm: eye.circumferenceMm,
    circumference3dMm: eye.circumference3dMm,
    effectiveDiameterMm: eye.effectiveDiameterMm,
    effectiveDiameterAxisDeg: eye.effectiveDiameterAxisDeg,
    boxCentreOffsetMm: {
      xMm: eye.boxCentreOffsetXMm,
      yMm: eye.boxCentreOffsetYMm,
    },
    declared: eye.declared,
  };
}
