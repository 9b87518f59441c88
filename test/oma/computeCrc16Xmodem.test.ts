import { describe, expect, it } from 'vitest';
import { computeCrc16Xmodem } from '../../server/oma/computeCrc16Xmodem.js';

describe('computeCrc16Xmodem', () => {
  it('gives the published check value for "123456789"', () => {
    expect(computeCrc16Xmodem(Buffer.from('123456789'))).toBe(0x31c3);
  });

  it('gives 0 for no bytes, the initial value', () => {
    expect(computeCrc16Xmodem(new Uint8Array())).toBe(0);
  });

  it('gives the published value 0x58E5 for the single byte "A"', () => {
    expect(computeCrc16Xmodem(Buffer.from('A'))).toBe(0x58e5);
  });

  it('changes when a single bit of the data changes', () => {
    const original = Buffer.from('HBOX=50.00;50.00');
    const flipped = Buffer.from('HBOX=50.01;50.00');

    expect(computeCrc16Xmodem(flipped)).not.toBe(computeCrc16Xmodem(original));
  });
});
