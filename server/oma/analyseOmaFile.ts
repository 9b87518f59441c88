import { compareDeclaredValues } from './compareDeclaredValues.js';
import type { OmaAnalysis, OmaEyeAnalysis } from './omaAnalysis.js';
import { OmaFormatError } from './omaFormatError.js';
import type { OmaWarning } from './omaWarning.js';
import { readDeclaredValues } from './readDeclaredValues.js';
import { readDrillHoles } from './readDrillHoles.js';
import {
  readOmaDatasets,
  type OmaDataset,
  type OmaSide,
} from './readOmaDatasets.js';
import { readOmaEyes } from './readOmaEyes.js';
import { readOmaMessage } from './readOmaMessage.js';
import { readOmaProducer } from './readOmaProducer.js';
import { readOmaRecords, type OmaRecord } from './readOmaRecords.js';

/**
 * Largest upload read, in bytes. A two-eye 1440-point trace with Z data is
 * under 100 kB, so anything near this limit is not a tracer file, and
 * refusing it before reading keeps a worker's memory bounded.
 */
export const OMA_MAX_FILE_BYTES = 2 * 1024 * 1024;

const TAB = 0x09;
const DELETE = 0x7f;

/**
 * Reads one tracer file (plain DCS records or a wire frame), decodes its
 * traces, measures each eye and checks the file's own declared values.
 * Throws `OmaFormatError` naming the line and record when the file cannot be
 * read; formats it cannot decode are reported in `unsupported`, not guessed.
 */
export function analyseOmaFile(bytes: Buffer): OmaAnalysis {
  assertReadableSize(bytes);
  const message = readOmaMessage(bytes);
  const { records, lineEnding } = readOmaRecords(
    message.body.toString('latin1'),
    message.firstLine,
  );
  if (records.length === 0) {
    throw new OmaFormatError(
      message.firstLine,
      null,
      'the file holds no records',
    );
  }

  const warnings: OmaWarning[] = [];
  const datasets = readOmaDatasets(records, warnings);
  assertTextRecords(records, datasets);
  const reading = readOmaEyes(datasets, warnings);

  const declared = readDeclaredValues(records);
  for (const side of ['right', 'left'] as const) {
    const eye = reading.eyes[side];
    if (eye) eye.declared = declared.eyes[side];
  }
  const dblMm = declared.dbl?.value ?? null;
  const frame = { dblMm, framePdMm: computeFramePd(reading.eyes, dblMm) };
  const comparisons = compareDeclaredValues(
    { right: reading.eyes.right?.geometry, left: reading.eyes.left?.geometry },
    declared,
    frame,
    warnings,
  );

  const unsupported = reading.datasets.filter(
    (dataset) => dataset.status === 'unsupported',
  );
  return {
    status: decideStatus(reading.eyes, reading.datasets),
    sizeBytes: bytes.length,
    lineEnding,
    framed: message.framed,
    crc: message.crc,
    producer: readOmaProducer(records),
    formats: listTraceFormats(datasets),
    eyes: reading.eyes,
    frame,
    comparisons,
    orderValues: declared.orderValues,
    drillHoles: readDrillHoles(records, warnings),
    datasets: reading.datasets,
    unsupported,
    warnings,
    records,
  };
}

function assertReadableSize(bytes: Buffer): void {
  if (bytes.length > OMA_MAX_FILE_BYTES) {
    throw new OmaFormatError(
      1,
      null,
      `the file is ${bytes.length} bytes, over the ${OMA_MAX_FILE_BYTES}-byte ` +
        'limit for a tracer file; check that the right file was chosen',
    );
  }
  if (bytes.toString('latin1').trim() === '') {
    throw new OmaFormatError(1, null, 'the file is empty');
  }
}

/**
 * Outside binary trace data, control bytes mean the file is not text: it is
 * damaged, or not a tracer file at all.
 */
function assertTextRecords(records: OmaRecord[], datasets: OmaDataset[]) {
  const binary = new Set(
    datasets
      .filter((dataset) => dataset.format !== 1)
      .flatMap((dataset) => dataset.records),
  );
  const damaged = records.find(
    (record) => !binary.has(record) && hasControlByte(record.value),
  );
  if (!damaged) return;
  throw new OmaFormatError(
    damaged.line,
    damaged.label,
    'the value holds control bytes; the file is binary or damaged',
  );
}

function hasControlByte(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== TAB) || code === DELETE) return true;
  }
  return false;
}

/** Frame PD = mean boxed width + bridge, as edgers lay out both lenses. */
function computeFramePd(
  eyes: Partial<Record<OmaSide, OmaEyeAnalysis>>,
  dblMm: number | null,
): number | null {
  const widths = [eyes.right, eyes.left]
    .filter((eye) => eye !== undefined)
    .map((eye) => eye.geometry.hboxMm);
  if (dblMm === null || widths.length === 0) return null;
  return widths.reduce((sum, width) => sum + width, 0) / widths.length + dblMm;
}

function decideStatus(
  eyes: OmaAnalysis['eyes'],
  datasets: OmaAnalysis['datasets'],
): OmaAnalysis['status'] {
  const traces = datasets.filter(
    (dataset) => dataset.kind === 'trace' && dataset.status !== 'announced',
  );
  const eyeCount = Object.keys(eyes).length;
  if (traces.length === 0) return 'no-trace';
  if (eyeCount === 0) return 'unsupported';
  const unread = traces.some((dataset) => dataset.status === 'unsupported');
  return unread && eyeCount < 2 ? 'partial' : 'complete';
}

function listTraceFormats(datasets: OmaDataset[]): number[] {
  const formats = datasets
    .filter((dataset) => dataset.kind === 'trace' && dataset.format !== null)
    .map((dataset) => dataset.format ?? 0);
  return [...new Set(formats)];
}
