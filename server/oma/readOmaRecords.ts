import { OmaFormatError } from './omaFormatError.js';

/** One `LABEL=value` record; the value keeps every byte as one character. */
export interface OmaRecord {
  /** Text before the first `=`, e.g. `TRCFMT`, `_DIGIT`, `.ED`. */
  label: string;
  /** Text after the first `=`, untrimmed, binary bytes as latin1. */
  value: string;
  /** 1-based line of the uploaded file. */
  line: number;
}

/** How the records of a file were terminated. */
export type OmaLineEnding = 'crlf' | 'lf' | 'cr' | 'crcrlf' | 'mixed' | 'none';

/** Records in file order, with the line ending the producer used. */
export interface OmaRecordList {
  records: OmaRecord[];
  lineEnding: OmaLineEnding;
}

const LABEL_PATTERN = /^\.?[A-Za-z0-9_]+$/;
const PRINTABLE_PATTERN = /^[\x20-\x7e]+$/;
const MAX_LABEL_LENGTH = 40;
// A run of CRs before LF counts as one terminator so that files converted
// twice (CR CR LF) keep the line numbers an editor shows.
const TERMINATOR_PATTERN = /\r*\n|\r/g;

/**
 * Splits latin1 text into records. Blank lines are skipped; every other line
 * must read `LABEL=value`, otherwise the file is refused with its line.
 */
export function readOmaRecords(text: string, firstLine = 1): OmaRecordList {
  const records: OmaRecord[] = [];
  const endings = new Set<OmaLineEnding>();
  let line = firstLine;
  let start = 0;

  for (const match of text.matchAll(TERMINATOR_PATTERN)) {
    pushRecord(records, text.slice(start, match.index), line);
    endings.add(nameTerminator(match[0]));
    start = match.index + match[0].length;
    line += 1;
  }
  pushRecord(records, text.slice(start), line);

  return { records, lineEnding: summariseEndings(endings) };
}

function pushRecord(records: OmaRecord[], rawLine: string, line: number) {
  if (rawLine.trim() === '') return;

  const equalsAt = rawLine.indexOf('=');
  if (equalsAt < 0) {
    throw new OmaFormatError(
      line,
      null,
      'no "=" on this line; every line of a tracer file reads LABEL=value, ' +
        'so the file is damaged or is not an OMA file',
    );
  }

  const label = rawLine.slice(0, equalsAt).trim();
  assertLabel(label, line);
  records.push({ label, value: rawLine.slice(equalsAt + 1), line });
}

function assertLabel(label: string, line: number): void {
  if (label === '') {
    throw new OmaFormatError(line, null, 'the line has no label before "="');
  }
  if (label.length <= MAX_LABEL_LENGTH && LABEL_PATTERN.test(label)) return;

  const shown =
    label.length <= MAX_LABEL_LENGTH && PRINTABLE_PATTERN.test(label)
      ? ` "${label}"`
      : '';
  throw new OmaFormatError(
    line,
    null,
    `label${shown} is not a record label (letters, digits and _ only); ` +
      'the line holds binary data or a space inside the label',
  );
}

function nameTerminator(terminator: string): OmaLineEnding {
  if (terminator === '\n') return 'lf';
  if (terminator === '\r\n') return 'crlf';
  if (terminator === '\r') return 'cr';
  return 'crcrlf';
}

function summariseEndings(endings: Set<OmaLineEnding>): OmaLineEnding {
  if (endings.size === 0) return 'none';
  if (endings.size > 1) return 'mixed';
  return [...endings][0] ?? 'none';
}
