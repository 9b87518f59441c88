import { describe, expect, it } from 'vitest';
import {
  readChiralFields,
  readChiralNumbers,
  readOmaCodes,
  readOmaFields,
} from '../../server/oma/readOmaFields.js';

const at = (value: string) => ({ label: 'X', value, line: 7 });

describe('readOmaFields', () => {
  it('splits fields on ";" and turns "?" into null', () => {
    expect(readOmaFields('?; 1.5 ;;x')).toEqual([null, '1.5', '', 'x']);
  });

  it('splits a field into its "," codes', () => {
    const [right] = readOmaFields('TR,FT;TR,FT');

    expect(readOmaCodes(right ?? null)).toEqual(['TR', 'FT']);
    expect(readOmaCodes(null)).toEqual([]);
  });
});

describe('readChiralFields', () => {
  it('gives right and left from "right;left"', () => {
    expect(readChiralFields(at('1.25;-0.50'))).toEqual({
      right: '1.25',
      left: '-0.50',
    });
  });

  it('uses one value for both eyes', () => {
    expect(readChiralFields(at('150.85'))).toEqual({
      right: '150.85',
      left: '150.85',
    });
  });

  it('gives null for empty and unknown sides', () => {
    expect(readChiralFields(at('33;'))).toEqual({ right: '33', left: null });
    expect(readChiralFields(at(';'))).toEqual({ right: null, left: null });
    expect(readChiralFields(at('158.86;?'))).toEqual({
      right: '158.86',
      left: null,
    });
  });
});

describe('readChiralNumbers', () => {
  it('parses numbers per eye', () => {
    expect(readChiralNumbers(at('56.69;56.73'))).toEqual({
      right: 56.69,
      left: 56.73,
    });
  });

  it('refuses text that is not a number, naming line and record', () => {
    expect(() => readChiralNumbers(at('5O.2;50.2'))).toThrow(
      'line 7, record X: "5O.2" is not a number',
    );
  });
});
