import type { OmaLineEnding, OmaRecord } from './readOmaRecords.js';

const TERMINATORS: Record<OmaLineEnding, string> = {
  crlf: '\r\n',
  lf: '\n',
  cr: '\r',
  // A damaged or mixed input is written back with the standard ending.
  crcrlf: '\r\n',
  mixed: '\r\n',
  none: '\r\n',
};

/**
 * Writes records back as bytes, each `LABEL=value` verbatim and in order,
 * so vendor and unknown records survive a read and write unchanged.
 */
export function writeOmaRecords(
  records: readonly OmaRecord[],
  lineEnding: OmaLineEnding = 'crlf',
): Buffer {
  const terminator = TERMINATORS[lineEnding];
  const text = records
    .map((record) => `${record.label}=${record.value}${terminator}`)
    .join('');
  return Buffer.from(text, 'latin1');
}
