import { describe, expect, it } from 'vitest';
import { analyseOmaFile } from '../../server/oma/analyseOmaFile.js';
import { buildEllipseFile } from './fixtures/buildOmaFixture.js';

const base = analyseOmaFile(buildEllipseFile());
const hbox = base.eyes.right?.geometry.hboxMm ?? 0;
const circ = base.eyes.right?.geometry.circumferenceMm ?? 0;
const fixed = (value: number) => value.toFixed(2);

describe('compareDeclaredValues', () => {
  it('agrees when the declared box is within 0.02 mm', () => {
    const analysis = analyseOmaFile(
      buildEllipseFile([`HBOX=${fixed(hbox + 0.01)};${fixed(hbox)}`]),
    );

    expect(
      analysis.comparisons.map((item) => [item.side, item.agrees]),
    ).toEqual([
      ['right', true],
      ['left', true],
    ]);
    expect(analysis.warnings).toEqual([]);
  });

  it('reports a box 0.05 mm off as a disagreement with its line', () => {
    const analysis = analyseOmaFile(
      buildEllipseFile([`HBOX=${fixed(hbox + 0.05)};${fixed(hbox)}`]),
    );
    const [warning] = analysis.warnings;

    expect(analysis.warnings).toHaveLength(1);
    expect(warning).toMatchObject({
      kind: 'disagreement',
      line: 2,
      record: 'HBOX',
    });
    expect(warning?.message).toMatch(
      /^line 2, record HBOX: right eye declares [\d.]+ mm but the trace gives/,
    );
  });

  it('allows tracers their shorter circumference up to 0.2 mm', () => {
    const near = analyseOmaFile(
      buildEllipseFile([`CIRC=${fixed(circ - 0.15)}`]),
    );
    const far = analyseOmaFile(buildEllipseFile([`CIRC=${fixed(circ - 0.3)}`]));

    expect(near.comparisons.every((item) => item.agrees)).toBe(true);
    expect(far.comparisons.filter((item) => !item.agrees)).toHaveLength(2);
    expect(far.comparisons[0]?.toleranceMm).toBe(0.2);
  });

  it('does not check typed whole-millimetre values such as EYESIZ', () => {
    const analysis = analyseOmaFile(
      buildEllipseFile(['EYESIZ=48', 'HBOX=52', 'VBOX=35;35', 'ED=54']),
    );

    expect(analysis.comparisons).toEqual([]);
    expect(analysis.warnings).toEqual([]);
    expect(analysis.orderValues.map((item) => [item.label, item.side])).toEqual(
      [
        ['EYESIZ', null],
        ['HBOX', null],
        ['VBOX', 'right'],
        ['VBOX', 'left'],
        ['ED', null],
      ],
    );
  });

  it('lets a later tracer HBOX override an earlier order-entry one', () => {
    const measured = `HBOX=${fixed(hbox)};${fixed(hbox)}`;
    const analysis = analyseOmaFile(
      buildEllipseFile(['HBOX=45.50;45.50', 'ANS=2237', measured]),
    );

    expect(analysis.eyes.right?.declared.HBOX?.line).toBe(4);
    expect(analysis.comparisons.every((item) => item.agrees)).toBe(true);
    expect(analysis.orderValues).toContainEqual(
      expect.objectContaining({ label: 'HBOX', line: 2, reason: 'superseded' }),
    );
  });

  it('compares a declared FPD with mean HBOX plus DBL', () => {
    const good = analyseOmaFile(
      buildEllipseFile(['DBL=18.00', `FPD=${fixed(hbox + 18)}`]),
    );
    const bad = analyseOmaFile(
      buildEllipseFile(['DBL=18.00', `FPD=${fixed(hbox + 18.5)}`]),
    );

    expect(good.frame.framePdMm).toBeCloseTo(hbox + 18, 9);
    expect(good.comparisons).toMatchObject([{ quantity: 'FPD', agrees: true }]);
    expect(bad.warnings[0]?.message).toMatch(
      /record FPD: declares .* HBOX \+ DBL/,
    );
  });
});
