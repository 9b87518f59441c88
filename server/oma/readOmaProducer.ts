import type { OmaRecord } from './readOmaRecords.js';

/** Who wrote the file and why, as far as its records say. */
export interface OmaProducer {
  /** `VEN`: vendor code, e.g. `NDKVCA`, `MODVCA`. */
  vendor: string | null;
  /** `DEV`: device type, e.g. `TRC` for a tracer. */
  device: string | null;
  /** `MODEL`: device model. */
  model: string | null;
  /** `SWVER`: device software version. */
  softwareVersion: string | null;
  /** `OMAV`: DCS version the producer follows. */
  omaVersion: string | null;
  /** `REQ`: request code, e.g. `FRM` (frame library), `LDS`, `TRC`. */
  request: string | null;
  /** `ANS`: answer code of a device reply. */
  answer: string | null;
  /** `FMFR`: frame manufacturer, for frame-library files. */
  frameManufacturer: string | null;
  /** `JOB`: the producer's job reference. */
  job: string | null;
}

const LABELS: Record<keyof OmaProducer, string> = {
  vendor: 'VEN',
  device: 'DEV',
  model: 'MODEL',
  softwareVersion: 'SWVER',
  omaVersion: 'OMAV',
  request: 'REQ',
  answer: 'ANS',
  frameManufacturer: 'FMFR',
  job: 'JOB',
};
const MAX_VALUE_LENGTH = 64;

/** Reads the first value of each producer record; absent ones are null. */
export function readOmaProducer(records: readonly OmaRecord[]): OmaProducer {
  const entries = Object.entries(LABELS).map(([key, label]) => {
    const record = records.find((candidate) => candidate.label === label);
    const value = record?.value.trim().slice(0, MAX_VALUE_LENGTH) ?? '';
    return [key, value === '' || value === '?' ? null : value];
  });
  return Object.fromEntries(entries) as OmaProducer;
}
