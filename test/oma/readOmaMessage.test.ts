import { describe, expect, it } from 'vitest';
import { readOmaMessage } from '../../server/oma/readOmaMessage.js';
import { computeCrc16Xmodem } from '../../server/oma/computeCrc16Xmodem.js';
import { buildOmaFrame } from './fixtures/buildOmaFixture.js';
import { catchOmaError } from './fixtures/catchOmaError.js';

const RECORDS = ['ANS=TRC', 'JOB=7', 'STATUS=0'];

describe('readOmaMessage', () => {
  it('unwraps a frame and checks its CRC from after FS to RS', () => {
    const message = readOmaMessage(buildOmaFrame(RECORDS));

    expect(message.framed).toBe(true);
    expect(message.body.toString('latin1')).toBe('ANS=TRC\rJOB=7\rSTATUS=0\r');
    expect(message.crc).toMatchObject({ status: 'valid', line: 4 });
  });

  it('accepts ACK before the frame and a zero-padded CRC', () => {
    const body = Buffer.from('ANS=INI\r\nSTATUS=0\r\n\x1e', 'latin1');
    const crc = String(computeCrc16Xmodem(body)).padStart(5, '0');
    const bytes = Buffer.concat([
      Buffer.from('\x06\x1c', 'latin1'),
      body,
      Buffer.from(`CRC=${crc}\r\n\x1d`, 'latin1'),
    ]);

    expect(readOmaMessage(bytes).crc?.status).toBe('valid');
  });

  it('refuses a frame whose CRC does not match, naming the CRC line', () => {
    const error = catchOmaError(() =>
      readOmaMessage(buildOmaFrame(RECORDS, 1)),
    );

    expect(error.line).toBe(4);
    expect(error.record).toBe('CRC');
    expect(error.message).toMatch(/declares CRC \d+ but its contents give \d+/);
  });

  it('refuses a frame cut off before GS', () => {
    const frame = buildOmaFrame(RECORDS);
    const error = catchOmaError(() => readOmaMessage(frame.subarray(0, 12)));

    expect(error.message).toMatch(/^line 1: .*end \(GS\) is missing/);
  });

  it('marks the CRC unverifiable when the frame start is missing', () => {
    const frame = buildOmaFrame(RECORDS);
    const message = readOmaMessage(frame.subarray(1));

    expect(message.crc).toMatchObject({
      status: 'unverifiable',
      computed: null,
    });
    expect(message.body.toString('latin1')).toContain('JOB=7');
  });

  it('refuses two frames in one upload', () => {
    const twice = Buffer.concat([
      buildOmaFrame(RECORDS),
      buildOmaFrame(RECORDS),
    ]);

    expect(() => readOmaMessage(twice)).toThrow(
      /^line 5: a second frame starts here/,
    );
  });

  it('checks a trailing CRC record of a plain file over what precedes it', () => {
    const records = 'JOB=7\nHBOX=50.00;50.00\n';
    const crc = computeCrc16Xmodem(Buffer.from(records, 'latin1'));
    const message = readOmaMessage(Buffer.from(`${records}CRC=${crc}\n`));

    expect(message.crc).toMatchObject({ status: 'valid', line: 3, note: null });
    expect(message.body.toString('latin1')).toBe(records);
  });

  it('matches a file CRC after its line endings were changed to CRLF', () => {
    const crc = computeCrc16Xmodem(Buffer.from('JOB=7\nDBL=18\n'));
    const message = readOmaMessage(
      Buffer.from(`JOB=7\r\nDBL=18\r\nCRC=${crc}\r\n`),
    );

    expect(message.crc?.note).toMatch(/line endings are read as LF/);
  });

  it('refuses a plain file whose trailing CRC is wrong', () => {
    const error = catchOmaError(() =>
      readOmaMessage(Buffer.from('JOB=7\nDBL=18\nCRC=1\n')),
    );

    expect(error.message).toMatch(
      /^line 3, record CRC: the file declares CRC 1/,
    );
  });

  it('leaves a file without CRC or framing as it is', () => {
    const message = readOmaMessage(Buffer.from('JOB=7\n'));

    expect(message).toMatchObject({ framed: false, crc: null, firstLine: 1 });
  });
});
