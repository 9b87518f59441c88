/**
 * `npm run oma:corpus`: reads every file of the shared lens-tracer corpus
 * (../shared/oma-corpus beside the repository) and prints, per file and eye,
 * the format, point count, computed and declared values and any
 * disagreement, as a Markdown table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  analyseOmaFile,
  OmaFormatError,
  type OmaAnalysis,
  type OmaComparison,
  type OmaSide,
} from '../server/oma/index.js';
import { escapeOmaBinary } from '../server/oma/omaByteStream.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS_DIR = path.resolve(REPOSITORY_ROOT, '../shared/oma-corpus');
const NOT_DATA = new Set(['README.md', 'SHA256SUMS']);
const frameFixturesSchema = z.record(z.string(), z.string());
const SYMBOLS: Record<string, string> = {
  FS: '\x1c',
  GS: '\x1d',
  RS: '\x1e',
  CR: '\r',
  LF: '\n',
  ACK: '\x06',
  NAK: '\x15',
};

/** One thing analysed: a file, or a frame or vector taken from one. */
interface CorpusInput {
  name: string;
  bytes: Buffer;
  /** Radii the decoded right eye must equal, for derived vectors. */
  expectedRadii?: number[];
}

function main(): void {
  if (!existsSync(CORPUS_DIR)) {
    console.log('No corpus at ../shared/oma-corpus beside the repository.');
    return;
  }
  const names = readdirSync(CORPUS_DIR)
    .filter((name) => !NOT_DATA.has(name))
    .sort();

  console.log(
    '| input | eye | format | points | HBOX c / d | VBOX c / d |' +
      ' CIRC c / d | other c / d | result |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const name of names) {
    for (const input of readInputs(name)) printRows(input);
  }
  console.log('');
  console.log('c = computed from the trace, d = declared in the file (mm).');
}

/** Turns one corpus file into what the reader should be given. */
function readInputs(name: string): CorpusInput[] {
  const bytes = readFileSync(path.join(CORPUS_DIR, name));
  if (name.endsWith('.json')) return readJsonFrames(name, bytes);
  if (name.endsWith('.radii.txt')) return [readRadiiVector(name, bytes)];
  if (name.endsWith('.packed.bin') || name.endsWith('.escaped.bin')) {
    return [readPackedVector(name, bytes)];
  }
  if (name.includes('-log-')) return readLog(name, bytes.toString('latin1'));
  return [{ name, bytes }];
}

function readJsonFrames(name: string, bytes: Buffer): CorpusInput[] {
  const frames = frameFixturesSchema.parse(JSON.parse(bytes.toString('utf8')));
  return Object.entries(frames).map(([key, frame]) => ({
    name: `${name} ${key}`,
    bytes: Buffer.from(frame, 'latin1'),
  }));
}

function readVectorRadii(): number[] {
  const text = readFileSync(
    path.join(CORPUS_DIR, 'pbf-vector-r400.radii.txt'),
    'latin1',
  );
  return text
    .split(/[;\s]+/)
    .filter(Boolean)
    .map(Number);
}

/** The reference radii, written as a format 1 trace. */
function readRadiiVector(name: string, bytes: Buffer): CorpusInput {
  const radii = bytes
    .toString('latin1')
    .split(/[;\s]+/)
    .filter(Boolean);
  const lines = [`TRCFMT=1;${radii.length};E;R;F`];
  for (let index = 0; index < radii.length; index += 10) {
    lines.push(`R=${radii.slice(index, index + 10).join(';')}`);
  }
  return {
    name: `${name} (as format 1)`,
    bytes: Buffer.from(lines.join('\r\n'), 'latin1'),
    expectedRadii: radii.map(Number),
  };
}

/** A bare format 4 byte vector, wrapped in a TRCFMT=4 dataset. */
function readPackedVector(name: string, bytes: Buffer): CorpusInput {
  const expectedRadii = readVectorRadii();
  const escaped = name.endsWith('.escaped.bin')
    ? bytes
    : escapeOmaBinary(bytes);
  const header = `TRCFMT=4;${expectedRadii.length};E;R;F\r\nR=`;
  return {
    name: `${name} (in TRCFMT=4)`,
    bytes: Buffer.concat([
      Buffer.from(header, 'latin1'),
      escaped,
      Buffer.from('\r\n', 'latin1'),
    ]),
    expectedRadii,
  };
}

/**
 * Debug logs: frames written in symbolic form (`<FS>`, `<CR>`) are rebuilt
 * as wire bytes; a job-text dump is read from its first record to `CRC=`.
 */
function readLog(name: string, text: string): CorpusInput[] {
  const lines = text.split(/\r?\n/);
  if (lines.some((line) => line.trim() === '<FS>')) {
    return readSymbolicFrames(name, lines);
  }
  const first = lines.findIndex((line) => /^[A-Z_]+=/.test(line));
  const last = lines.findIndex((line) => line.startsWith('CRC='));
  const records = lines.slice(first, last + 1).join('\n') + '\n';
  return [
    { name: `${name} (job text)`, bytes: Buffer.from(records, 'latin1') },
  ];
}

function readSymbolicFrames(name: string, lines: string[]): CorpusInput[] {
  const frames: CorpusInput[] = [];
  let frame: string | null = null;
  for (const line of lines) {
    if (line.trim() === '<FS>') frame = '';
    if (frame === null) continue;
    frame += line.replace(/<([A-Z]+)>/g, (token, symbol: string) => {
      return SYMBOLS[symbol] ?? token;
    });
    if (line.trim() === '<GS>') {
      const bytes = Buffer.from(frame, 'latin1');
      frames.push({ name: `${name} frame ${frames.length + 1}`, bytes });
      frame = null;
    }
  }
  return frames;
}

function printRows(input: CorpusInput): void {
  let analysis: OmaAnalysis;
  try {
    analysis = analyseOmaFile(input.bytes);
  } catch (error) {
    if (!(error instanceof OmaFormatError)) throw error;
    printRow(
      input.name,
      '-',
      '-',
      '-',
      ['', '', '', ''],
      `invalid: ${error.message}`,
    );
    return;
  }

  const eyes = (['right', 'left'] as const).filter(
    (side) => analysis.eyes[side],
  );
  if (eyes.length === 0) {
    printRow(
      input.name,
      '-',
      formatList(analysis),
      '-',
      ['', '', '', ''],
      describeEmpty(analysis),
    );
    return;
  }
  for (const side of eyes) {
    printEye(input, analysis, side);
  }
}

function printEye(input: CorpusInput, analysis: OmaAnalysis, side: OmaSide) {
  const eye = analysis.eyes[side];
  if (!eye) return;
  const geometry = eye.geometry;
  const compared = (quantity: string) =>
    analysis.comparisons.find(
      (item) => item.quantity === quantity && item.side === side,
    );
  const pair = (computed: number | null, quantity: string) =>
    `${computed === null ? '-' : computed.toFixed(3)} / ` +
    `${compared(quantity)?.declaredMm.toFixed(2) ?? '-'}`;
  const other = [
    geometry.circumference3dMm === null
      ? null
      : `CIRC3D ${pair(geometry.circumference3dMm, 'CIRC3D')}`,
    `ED ${pair(geometry.effectiveDiameterMm, 'FED')}`,
  ].filter((part) => part !== null);

  printRow(
    input.name,
    side === 'right' ? 'R' : 'L',
    String(eye.format),
    String(eye.pointCount),
    [
      pair(geometry.hboxMm, 'HBOX'),
      pair(geometry.vboxMm, 'VBOX'),
      pair(geometry.circumferenceMm, 'CIRC'),
      other.join(', '),
    ],
    describeResult(input, analysis, side),
  );
}

function describeResult(
  input: CorpusInput,
  analysis: OmaAnalysis,
  side: OmaSide,
): string {
  const notes: string[] = [];
  const ours = (item: OmaComparison) =>
    item.side === side || item.side === null;
  const checked = analysis.comparisons.filter(ours);
  const agree = checked.filter((item) => item.agrees);
  const off = checked.filter((item) => !item.agrees);
  if (checked.length === 0) notes.push('ok (nothing declared to compare)');
  if (agree.length > 0) {
    notes.push(`ok (${agree.map((item) => item.quantity).join(', ')})`);
  }
  if (off.length > 0) {
    const items = off.map(
      (item) => `${item.quantity} by ${Math.abs(item.differenceMm).toFixed(3)}`,
    );
    notes.push(`disagrees: ${items.join(', ')}`);
  }

  const radii = analysis.eyes[side]?.radiiHundredthsMm ?? [];
  if (input.expectedRadii && side === 'right') {
    const same =
      radii.length === input.expectedRadii.length &&
      radii.every((radius, index) => radius === input.expectedRadii?.[index]);
    notes.push(
      same ? 'radii equal the vector' : 'radii DIFFER from the vector',
    );
  }
  if (analysis.crc && side === 'right') notes.push(describeCrc(analysis));
  const typed = analysis.orderValues.filter((item) => item.reason === 'typed');
  if (typed.length > 0 && side === 'right') {
    const labels = [...new Set(typed.map((item) => item.label))];
    notes.push(`order values not checked: ${labels.join(', ')}`);
  }
  return notes.join('; ');
}

function describeEmpty(analysis: OmaAnalysis): string {
  const crc = analysis.crc ? `; ${describeCrc(analysis)}` : '';
  if (analysis.status === 'no-trace') {
    const { request, answer } = analysis.producer;
    const kind = request ? `REQ=${request}` : `ANS=${answer ?? '?'}`;
    return `no trace (${kind} message)${crc}`;
  }
  const reasons = [...new Set(analysis.unsupported.map((item) => item.reason))];
  return `unsupported: ${reasons.join('; ')}${crc}`;
}

function describeCrc(analysis: OmaAnalysis): string {
  const crc = analysis.crc;
  if (!crc) return '';
  if (crc.status === 'valid') return `CRC ${crc.declared} valid`;
  return `CRC ${crc.declared} not checkable (${crc.note ?? ''})`;
}

function formatList(analysis: OmaAnalysis): string {
  return analysis.formats.length === 0 ? '-' : analysis.formats.join(', ');
}

function printRow(
  name: string,
  eye: string,
  format: string,
  points: string,
  values: string[],
  result: string,
): void {
  const cells = [name, eye, format, points, ...values, result];
  console.log(
    `| ${cells.map((cell) => cell.replace(/\|/g, '/')).join(' | ')} |`,
  );
}

main();
