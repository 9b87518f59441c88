import type { OmaComparison } from './compareDeclaredValues.js';
import type { OmaTraceGeometry } from './computeTraceGeometry.js';
import type { OmaWarning } from './omaWarning.js';
import type {
  OmaDeclaredValue,
  OmaEyeQuantity,
  OmaOrderValue,
} from './readDeclaredValues.js';
import type { OmaDrillHole } from './readDrillHoles.js';
import type { OmaCrcCheck } from './readOmaMessage.js';
import type { OmaDatasetKind, OmaSide } from './readOmaDatasets.js';
import type { OmaProducer } from './readOmaProducer.js';
import type { OmaLineEnding, OmaRecord } from './readOmaRecords.js';

/** One eye's decoded trace and what was measured from it. */
export interface OmaEyeAnalysis {
  side: OmaSide;
  /** Trace format number (1 ASCII, 2 binary, 3 differential, 4 packed). */
  format: number;
  /** Number of trace points. */
  pointCount: number;
  /** `E` equal angles or `U` explicit angles. */
  spacing: string;
  /** `F` frame, `P` pattern, `D` demo lens; null when not given. */
  traceType: string | null;
  /** Line of the TRCFMT header. */
  headerLine: number;
  /** Radii in 1/100 mm, in file order. */
  radiiHundredthsMm: number[];
  /** Angle of each radius, degrees counter-clockwise from +x. */
  anglesDeg: number[];
  /** Number of Z heights used for the 3-D circumference; null without. */
  zPointCount: number | null;
  /** Box, circumference and effective diameter computed from the trace. */
  geometry: OmaTraceGeometry;
  /** Measurements the file declares for this eye. */
  declared: Partial<Record<OmaEyeQuantity, OmaDeclaredValue>>;
}

/** How one dataset header of the file was handled. */
export interface OmaDatasetSummary {
  kind: OmaDatasetKind;
  /** Header label: `TRCFMT`, `ZFMT` or `STHKFMT`. */
  record: string;
  line: number;
  sides: OmaSide[];
  format: number | null;
  count: number | null;
  spacing: string;
  /**
   * `decoded`: used for geometry; `kept`: checked and preserved (thickness);
   * `announced`: a header without data (format negotiation);
   * `ignored`: a second trace for an eye; `unsupported`: kept unread.
   */
  status: 'decoded' | 'kept' | 'announced' | 'ignored' | 'unsupported';
  /** Why the dataset was not used; null when decoded. */
  reason: string | null;
}

/** Frame-level values: bridge and frame PD. */
export interface OmaFrameAnalysis {
  /** Declared DBL (bridge), mm; null when absent. */
  dblMm: number | null;
  /** Mean computed HBOX + DBL, mm; null without DBL or traces. */
  framePdMm: number | null;
}

/**
 * Everything read from one tracer file: the future oma worker stores this
 * on the order and renders the preview from it.
 */
export interface OmaAnalysis {
  /**
   * `complete`: every trace decoded; `partial`: some eyes unsupported;
   * `unsupported`: traces present but none readable; `no-trace`: none sent.
   */
  status: 'complete' | 'partial' | 'unsupported' | 'no-trace';
  /** Size of the upload in bytes. */
  sizeBytes: number;
  /** Record terminator the producer used. */
  lineEnding: OmaLineEnding;
  /** True when the upload was a wire frame (FS … GS). */
  framed: boolean;
  /** CRC result; null when the file carries none. */
  crc: OmaCrcCheck | null;
  /** Producer records (VEN, DEV, REQ …). */
  producer: OmaProducer;
  /** Trace format numbers present, decoded or not, in file order. */
  formats: number[];
  /** Decoded eyes; an eye is absent when the file has no readable trace. */
  eyes: Partial<Record<OmaSide, OmaEyeAnalysis>>;
  frame: OmaFrameAnalysis;
  /** Declared values set against computed ones. */
  comparisons: OmaComparison[];
  /** Typed or replaced values, shown but not checked. */
  orderValues: OmaOrderValue[];
  drillHoles: OmaDrillHole[];
  /** Every dataset header and what happened to it. */
  datasets: OmaDatasetSummary[];
  /** The datasets kept unread, with the reason (a subset of `datasets`). */
  unsupported: OmaDatasetSummary[];
  /** Disagreements and notices, each naming its line and record. */
  warnings: OmaWarning[];
  /** All records in file order; `writeOmaRecords` writes them back. */
  records: OmaRecord[];
}
