import { OmaFormatError } from './omaFormatError.js';
import type { OmaRecord } from './readOmaRecords.js';

const ESC = 0x1b;

/** Binary data of one dataset, unescaped, with the line of every byte. */
export interface OmaByteStream {
  bytes: Uint8Array;
  /** Line of the record that holds byte `offset`; the last line past end. */
  lineAt(offset: number): number;
}

/**
 * Joins the binary values of data records and undoes ESC escaping: a
 * reserved control byte is sent as ESC followed by (byte | 0x80).
 */
export function readOmaByteStream(
  records: readonly OmaRecord[],
): OmaByteStream {
  const bytes: number[] = [];
  const starts: Array<{ offset: number; line: number }> = [];

  for (const record of records) {
    starts.push({ offset: bytes.length, line: record.line });
    // A loop, not push(...), so a huge value cannot overflow the call stack.
    for (const byte of unescapeOmaBinary(record)) bytes.push(byte);
  }

  return {
    bytes: Uint8Array.from(bytes),
    lineAt(offset: number): number {
      let line = starts[0]?.line ?? 0;
      for (const start of starts) {
        if (start.offset > offset) break;
        line = start.line;
      }
      return line;
    },
  };
}

/** Undoes ESC escaping in one record value (latin1 text of raw bytes). */
export function unescapeOmaBinary(record: OmaRecord): number[] {
  const raw = Buffer.from(record.value, 'latin1');
  const bytes: number[] = [];

  for (let index = 0; index < raw.length; index += 1) {
    const byte = raw[index] ?? 0;
    if (byte !== ESC) {
      bytes.push(byte);
      continue;
    }
    const escaped = raw[index + 1];
    if (escaped === undefined) {
      throw new OmaFormatError(
        record.line,
        record.label,
        'binary data ends with an escape byte (ESC), so it was cut off',
      );
    }
    bytes.push(escaped & 0x7f);
    index += 1;
  }
  return bytes;
}

// FS, GS, RS, DC1, DC3, ACK, NAK, ESC, SUB, CR and LF would end a record or
// a frame, or stop a serial line, if sent as they are.
const RESERVED_BYTES = new Set([
  0x1c, 0x1d, 0x1e, 0x11, 0x13, 0x06, 0x15, 0x1b, 0x1a, 0x0d, 0x0a,
]);

/** Escapes binary trace bytes for an `R=` value: the inverse of unescaping. */
export function escapeOmaBinary(bytes: Uint8Array): Buffer {
  const escaped: number[] = [];
  for (const byte of bytes) {
    if (RESERVED_BYTES.has(byte)) escaped.push(ESC, byte | 0x80);
    else escaped.push(byte);
  }
  return Buffer.from(escaped);
}
