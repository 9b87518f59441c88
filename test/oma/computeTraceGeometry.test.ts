import { describe, expect, it } from 'vitest';
import {
  computeTraceGeometry,
  computeTracePoints,
} from '../../server/oma/computeTraceGeometry.js';
import { createEllipseRadii } from './fixtures/buildOmaFixture.js';

const equalAngles = (count: number) =>
  Array.from({ length: count }, (_, index) => (360 * index) / count);

describe('computeTracePoints', () => {
  it('puts 0° on +x and turns counter-clockwise, radii in 1/100 mm', () => {
    const points = computeTracePoints([2416, 2410, 2425, 2429], equalAngles(4));

    expect(points[0]?.xMm).toBeCloseTo(24.16, 9);
    expect(points[1]?.yMm).toBeCloseTo(24.1, 9);
    expect(points[2]?.xMm).toBeCloseTo(-24.25, 9);
    expect(points[3]?.yMm).toBeCloseTo(-24.29, 9);
  });
});

describe('computeTraceGeometry', () => {
  it('measures the box and perimeter of an ellipse', () => {
    const radii = createEllipseRadii(1000, 25, 17.5);
    const geometry = computeTraceGeometry(
      computeTracePoints(radii, equalAngles(1000)),
    );
    // Ramanujan's approximation of an ellipse's perimeter.
    const [a, b] = [25, 17.5];
    const h = (a - b) ** 2 / (a + b) ** 2;
    const perimeter =
      Math.PI * (a + b) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));

    expect(geometry.hboxMm).toBeCloseTo(50, 2);
    expect(geometry.vboxMm).toBeCloseTo(35, 2);
    // Radii rounded to 0.01 mm make the polygon zig-zag a little longer.
    expect(Math.abs(geometry.circumferenceMm - perimeter)).toBeLessThan(0.1);
    expect(geometry.effectiveDiameterMm).toBeCloseTo(50, 2);
    const axis = geometry.effectiveDiameterAxisDeg;
    expect(Math.min(axis, 180 - axis)).toBeLessThan(1);
    expect(geometry.circumference3dMm).toBeNull();
  });

  it('gives the box centre offset when the origin is off centre', () => {
    const points = [
      { xMm: 30, yMm: 2 },
      { xMm: -20, yMm: 2 },
      { xMm: -20, yMm: -18 },
      { xMm: 30, yMm: -18 },
    ];

    const geometry = computeTraceGeometry(points);

    expect(geometry.boxCentreOffsetMm).toEqual({ xMm: 5, yMm: -8 });
    expect(geometry.hboxMm).toBe(50);
    expect(geometry.circumferenceMm).toBe(140);
  });

  it('measures the effective diameter from the box centre with its axis', () => {
    const points = [
      { xMm: 10, yMm: 10 },
      { xMm: -10, yMm: 5 },
      { xMm: -10, yMm: -10 },
      { xMm: 10, yMm: -5 },
    ];

    const geometry = computeTraceGeometry(points);

    expect(geometry.effectiveDiameterMm).toBeCloseTo(2 * Math.hypot(10, 10), 9);
    expect(geometry.effectiveDiameterAxisDeg).toBeCloseTo(45, 9);
  });

  it('adds the height changes to the 3-D circumference', () => {
    const square = [
      { xMm: 0, yMm: 0 },
      { xMm: 3, yMm: 0 },
      { xMm: 3, yMm: 3 },
      { xMm: 0, yMm: 3 },
    ];

    const geometry = computeTraceGeometry(square, [0, 4, 0, 4]);

    expect(geometry.circumferenceMm).toBe(12);
    expect(geometry.circumference3dMm).toBe(20);
  });
});
