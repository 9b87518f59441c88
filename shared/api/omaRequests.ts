import { z } from 'zod';
import { entityId } from '../jobs/ids.js';

/** The form field that carries the file in a multipart upload. */
export const OMA_UPLOAD_FIELD = 'file';

/** `:id` of `POST` and `GET /api/orders/:id/oma`. */
export const omaOrderParams = z.object({ id: entityId });

/** Answer of `POST /api/orders/:id/oma` (202). */
export interface OmaUploadAccepted {
  jobId: string;
  uploadId: string;
  queue: 'oma';
}

/** Who wrote a tracer file, as far as its records say. */
export interface TracerProducer {
  vendor: string | null;
  device: string | null;
  model: string | null;
  softwareVersion: string | null;
  omaVersion: string | null;
  request: string | null;
  answer: string | null;
  frameManufacturer: string | null;
  job: string | null;
}

/** A value the file states, with the line that states it. */
export interface TracerDeclaredValue {
  label: string;
  line: number;
  value: number;
}

/** A declared value set against the one computed from the trace (mm). */
export interface TracerComparison {
  quantity: string;
  /** Null for the frame PD. */
  side: 'right' | 'left' | null;
  line: number;
  declaredMm: number;
  computedMm: number;
  differenceMm: number;
  toleranceMm: number;
  agrees: boolean;
}

/** A typed or superseded value: shown, never checked against the trace. */
export interface TracerOrderValue {
  label: string;
  line: number;
  side: 'right' | 'left' | null;
  value: number;
  reason: 'typed' | 'superseded';
}

/** A disagreement or notice, its message prefixed with line and record. */
export interface TracerWarning {
  kind: 'disagreement' | 'notice';
  line: number | null;
  record: string | null;
  message: string;
}

/** A dataset kept unread (a vendor or unknown format), and why. */
export interface TracerUnsupportedDataset {
  record: string;
  line: number;
  format: number | null;
  reason: string | null;
}

/** One eye measured from its trace; lengths in mm, angles in degrees. */
export interface TracerEyeView {
  format: number;
  pointCount: number;
  zPointCount: number | null;
  hboxMm: number;
  vboxMm: number;
  circumferenceMm: number;
  circumference3dMm: number | null;
  effectiveDiameterMm: number;
  effectiveDiameterAxisDeg: number;
  boxCentreOffsetMm: { xMm: number; yMm: number };
  declared: Record<string, TracerDeclaredValue>;
}

/**
 * One upload and what the oma job found in it. `pending` until the job has
 * run; `invalid` with `reason` ("line 12, record R: …") when the file
 * cannot be read.
 */
export interface TracerResultView {
  uploadId: string;
  jobId: string | null;
  uploadedAt: string;
  uploadedByUserId: string;
  originalFileName: string | null;
  sizeBytes: number;
  status: 'pending' | 'complete' | 'partial' | 'invalid';
  reason: string | null;
  reasonLine: number | null;
  reasonRecord: string | null;
  formats: number[];
  producer: TracerProducer | null;
  eyes: { right: TracerEyeView | null; left: TracerEyeView | null };
  frame: { dblMm: number | null; framePdMm: number | null };
  comparisons: TracerComparison[];
  orderValues: TracerOrderValue[];
  warnings: TracerWarning[];
  unsupported: TracerUnsupportedDataset[];
  /** The SVG preview, served by `GET /api/documents/:id`. */
  previewDocumentId: string | null;
  analysedAt: string | null;
}

/** Answer of `GET /api/orders/:id/oma`: uploads of the order, latest first. */
export interface OrderTracerResults {
  orderId: string;
  uploads: TracerResultView[];
}
