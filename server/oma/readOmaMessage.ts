import { computeCrc16Xmodem } from './computeCrc16Xmodem.js';
import { OmaFormatError } from './omaFormatError.js';

/** Outcome of a `CRC=` record; a wrong CRC is an error, never a result. */
export interface OmaCrcCheck {
  /** `valid`, or `unverifiable` when the covered bytes are not all here. */
  status: 'valid' | 'unverifiable';
  /** Value the producer wrote. */
  declared: number;
  /** Value computed here; null when unverifiable. */
  computed: number | null;
  /** Line of the `CRC=` record. */
  line: number;
  /** Why the CRC could not be checked, or how it was matched. */
  note: string | null;
}

/** The records part of an upload, with framing and checksum removed. */
export interface OmaMessage {
  /** Record bytes, without FS/RS/GS or the `CRC=` record. */
  body: Buffer;
  /** Line of the upload on which `body` starts. */
  firstLine: number;
  /** True when FS, RS or GS framing bytes were found. */
  framed: boolean;
  /** Result of the CRC check; null when the upload carries no CRC. */
  crc: OmaCrcCheck | null;
}

const FS = 0x1c;
const GS = 0x1d;
const RS = 0x1e;
// NUL, ACK, NAK and SUB (DOS end of file) surround frames in captures.
const FILLER_BYTES = new Set([0x00, 0x06, 0x09, 0x0a, 0x0d, 0x15, 0x1a, 0x20]);
const CRC_RECORD_PATTERN = /^CRC=\s*(\d{1,5})\s*$/;
const TERMINATOR_PATTERN = /\r*\n|\r/g;

/**
 * Finds the records of an upload. A wire frame (FS … RS CRC=n GS) is
 * unwrapped and its CRC checked over the bytes after FS up to and including
 * RS; a plain file ending in a `CRC=` record is checked over what precedes it.
 */
export function readOmaMessage(bytes: Buffer): OmaMessage {
  const end = findContentEnd(bytes);
  const fs = bytes.indexOf(FS);
  const rs = bytes.indexOf(RS);
  const gs = bytes.indexOf(GS);

  if (fs < 0 && rs < 0 && gs < 0) return readPlainFile(bytes, end);
  return readFrame(bytes, end, fs);
}

function readFrame(bytes: Buffer, end: number, fs: number): OmaMessage {
  const start = fs + 1;
  assertOnlyFiller(bytes, 0, fs < 0 ? 0 : fs, 'before the frame start (FS)');

  const nextFs = bytes.indexOf(FS, start);
  const gs = bytes.indexOf(GS, start);
  if (nextFs >= 0 && (gs < 0 || nextFs < gs)) {
    throw frameError(bytes, nextFs, 'a new frame starts before this one ends');
  }
  if (fs >= 0 && gs < 0) {
    throw frameError(
      bytes,
      fs,
      'the frame starts with FS but its end (GS) is missing, so the ' +
        'transfer was cut off; send the file again',
    );
  }

  const frameEnd = gs < 0 ? end : gs;
  assertOnlyFiller(bytes, frameEnd + 1, end, 'after the frame end (GS)');
  const rs = bytes.indexOf(RS, start);
  const bodyEnd = rs >= 0 && rs < frameEnd ? rs : frameEnd;
  const message: OmaMessage = {
    body: bytes.subarray(start, bodyEnd),
    firstLine: lineAt(bytes, start),
    framed: true,
    crc: null,
  };
  if (bodyEnd === frameEnd) return message;

  const crcLine = lineAt(bytes, rs + 1);
  const declared = readCrcRecord(bytes.subarray(rs + 1, frameEnd), crcLine);
  if (fs < 0) {
    message.crc = {
      status: 'unverifiable',
      declared,
      computed: null,
      line: crcLine,
      note: 'the frame start (FS) is missing, so the covered bytes are unknown',
    };
    return message;
  }

  const computed = computeCrc16Xmodem(bytes.subarray(start, rs + 1));
  assertCrcMatches(declared, computed, crcLine);
  message.crc = {
    status: 'valid',
    declared,
    computed,
    line: crcLine,
    note: null,
  };
  return message;
}

function readPlainFile(bytes: Buffer, end: number): OmaMessage {
  const lastLineStart = findLastLineStart(bytes, end);
  const lastLine = bytes.toString('latin1', lastLineStart, end);
  const match = CRC_RECORD_PATTERN.exec(lastLine);
  const message: OmaMessage = {
    body: bytes.subarray(0, end),
    firstLine: 1,
    framed: false,
    crc: null,
  };
  if (!match?.[1]) return message;

  const declared = Number(match[1]);
  const line = lineAt(bytes, lastLineStart);
  const covered = bytes.subarray(0, lastLineStart);
  message.body = covered;
  message.crc = checkFileCrc(covered, declared, line);
  return message;
}

function checkFileCrc(covered: Buffer, declared: number, line: number) {
  const computed = computeCrc16Xmodem(covered);
  if (computed === declared) {
    return { status: 'valid', declared, computed, line, note: null } as const;
  }

  // Files are often copied between systems that rewrite line endings; the
  // producer computed the CRC over LF-terminated records.
  const asLf = Buffer.from(
    covered.toString('latin1').replace(TERMINATOR_PATTERN, '\n'),
    'latin1',
  );
  const computedAsLf = computeCrc16Xmodem(asLf);
  assertCrcMatches(declared, computedAsLf, line);
  return {
    status: 'valid',
    declared,
    computed: computedAsLf,
    line,
    note: 'matches once line endings are read as LF',
  } as const;
}

function assertCrcMatches(declared: number, computed: number, line: number) {
  if (declared === computed) return;
  throw new OmaFormatError(
    line,
    'CRC',
    `the file declares CRC ${declared} but its contents give ${computed}; ` +
      'it was changed or damaged in transfer, so send it again',
  );
}

function readCrcRecord(trailer: Buffer, line: number): number {
  const match = CRC_RECORD_PATTERN.exec(trailer.toString('latin1').trim());
  if (!match?.[1]) {
    throw new OmaFormatError(
      line,
      'CRC',
      'after the record separator (RS) a frame must carry CRC=<number>',
    );
  }
  return Number(match[1]);
}

function findContentEnd(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && FILLER_BYTES.has(bytes[end - 1] ?? 0)) end -= 1;
  return end;
}

function findLastLineStart(bytes: Buffer, end: number): number {
  for (let index = end - 1; index >= 0; index -= 1) {
    const byte = bytes[index];
    if (byte === 0x0a || byte === 0x0d) return index + 1;
  }
  return 0;
}

function assertOnlyFiller(
  bytes: Buffer,
  from: number,
  to: number,
  where: string,
): void {
  for (let index = from; index < to; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte === FS) {
      throw frameError(
        bytes,
        index,
        'a second frame starts here; upload one message per file',
      );
    }
    if (!FILLER_BYTES.has(byte)) {
      throw frameError(bytes, index, `unexpected data ${where}`);
    }
  }
}

function frameError(bytes: Buffer, offset: number, reason: string) {
  return new OmaFormatError(lineAt(bytes, offset), null, reason);
}

/** 1-based line holding the byte at `offset`, counting like the reader. */
function lineAt(bytes: Buffer, offset: number): number {
  const before = bytes.toString('latin1', 0, offset);
  return 1 + (before.match(TERMINATOR_PATTERN)?.length ?? 0);
}
