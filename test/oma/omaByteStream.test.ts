import { describe, expect, it } from 'vitest';
import {
  escapeOmaBinary,
  readOmaByteStream,
  unescapeOmaBinary,
} from '../../server/oma/omaByteStream.js';

const RESERVED = [
  0x06, 0x0a, 0x0d, 0x11, 0x13, 0x15, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e,
];

describe('escapeOmaBinary', () => {
  it('sends every reserved control byte as ESC and byte | 0x80', () => {
    const escaped = escapeOmaBinary(Uint8Array.from(RESERVED));

    expect([...escaped]).toEqual(
      RESERVED.flatMap((byte) => [0x1b, byte | 0x80]),
    );
  });

  it('leaves other bytes, including tab, NUL and high bytes, as they are', () => {
    const plain = Uint8Array.from([0x00, 0x09, 0x20, 0x3b, 0x80, 0xff]);

    expect([...escapeOmaBinary(plain)]).toEqual([...plain]);
  });
});

describe('unescapeOmaBinary', () => {
  it('undoes escaping for every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    const value = escapeOmaBinary(all).toString('latin1');

    expect(unescapeOmaBinary({ label: 'R', value, line: 1 })).toEqual([...all]);
  });

  it('refuses a value that ends in a lone ESC', () => {
    expect(() =>
      unescapeOmaBinary({ label: 'R', value: 'ab\x1b', line: 9 }),
    ).toThrow(/^line 9, record R: binary data ends with an escape byte/);
  });
});

describe('readOmaByteStream', () => {
  it('joins records and gives the line of each byte', () => {
    const stream = readOmaByteStream([
      { label: 'R', value: 'ab', line: 4 },
      { label: 'R', value: '\x1b\x8dc', line: 5 },
    ]);

    expect([...stream.bytes]).toEqual([0x61, 0x62, 0x0d, 0x63]);
    expect([0, 1, 2, 3].map((offset) => stream.lineAt(offset))).toEqual([
      4, 4, 5, 5,
    ]);
  });
});
