import { describe, expect, it } from 'vitest';
import { decodePackedBinary } from '../../server/oma/decodePackedBinary.js';
import {
  escapeOmaBinary,
  readOmaByteStream,
} from '../../server/oma/omaByteStream.js';
import {
  createRoundedRectangleRadii,
  encodePackedBinary,
} from './fixtures/buildOmaFixture.js';

function streamOf(bytes: Uint8Array) {
  const value = escapeOmaBinary(bytes).toString('latin1');
  return readOmaByteStream([{ label: 'R', value, line: 3 }]);
}

describe('decodePackedBinary', () => {
  it('decodes a smooth shape packed mostly in 4-bit mode', () => {
    const radii = createRoundedRectangleRadii(400, 50, 36, 8);
    const packed = encodePackedBinary(radii);

    const decoded = decodePackedBinary(streamOf(packed), radii.length);

    expect(decoded.values).toEqual(radii);
    expect(decoded.unreadNibbles).toBeLessThanOrEqual(1);
    expect(packed.length).toBeLessThan(radii.length);
  });

  it('follows switches back to 8-bit and 16-bit mode on large steps', () => {
    const radii = [2000, 2000, 2001, 2003, 2060, 2061, 2062, 2500, 2490, 2480];
    const decoded = decodePackedBinary(streamOf(encodePackedBinary(radii)), 10);

    expect(decoded.values).toEqual(radii);
  });

  it('reads words that start in the middle of a byte', () => {
    // 16-bit 2000, switch to 8-bit, +1, switch to 4-bit, +0, back to 8-bit,
    // back to 16-bit, then 3000 on an odd nibble.
    const nibbles = [
      0xd, 0x0, 0x0, 0x7, 0x0, 0x0, 0x8, 0x0, 0x0, 0x1, 0x8, 0x0, 0x0, 0x8, 0x8,
      0x1, 0xb, 0x8, 0x0, 0xb, 0x0,
    ];
    const bytes = Uint8Array.from(
      Array.from(
        { length: Math.ceil(nibbles.length / 2) },
        (_, index) =>
          ((nibbles[2 * index] ?? 0) << 4) | (nibbles[2 * index + 1] ?? 0),
      ),
    );

    const decoded = decodePackedBinary(streamOf(bytes), 4);

    expect(decoded.values).toEqual([2000, 2001, 2002, 3000]);
  });

  it('stops short when the data ends before the declared count', () => {
    const radii = createRoundedRectangleRadii(200, 40, 30, 6);
    const packed = encodePackedBinary(radii).subarray(0, 40);

    const decoded = decodePackedBinary(streamOf(packed), radii.length);

    expect(decoded.values.length).toBeLessThan(radii.length);
    expect(decoded.values).toEqual(radii.slice(0, decoded.values.length));
  });

  it('reports data left over after the declared count', () => {
    const radii = createRoundedRectangleRadii(100, 40, 30, 6);
    const decoded = decodePackedBinary(streamOf(encodePackedBinary(radii)), 50);

    expect(decoded.values).toEqual(radii.slice(0, 50));
    expect(decoded.unreadNibbles).toBeGreaterThan(1);
  });
});
