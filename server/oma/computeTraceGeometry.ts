/** A trace point in millimetres, +x at 0°, +y up, origin at the trace centre. */
export interface OmaPoint {
  xMm: number;
  yMm: number;
}

/** Measurements of one eye's shape, all in millimetres or degrees. */
export interface OmaTraceGeometry {
  /** Boxed width: max x − min x. */
  hboxMm: number;
  /** Boxed height: max y − min y. */
  vboxMm: number;
  /** Closed 2-D perimeter, last point joined to the first. */
  circumferenceMm: number;
  /** Closed 3-D perimeter using Z heights; null without Z data. */
  circumference3dMm: number | null;
  /** Twice the largest distance from the box centre to the shape. */
  effectiveDiameterMm: number;
  /** Direction of that largest distance, 0–180° counter-clockwise from +x. */
  effectiveDiameterAxisDeg: number;
  /** Box centre relative to the radius origin of the trace. */
  boxCentreOffsetMm: OmaPoint;
}

/** Turns radii (1/100 mm) and their angles (degrees) into points in mm. */
export function computeTracePoints(
  radiiHundredthsMm: readonly number[],
  anglesDeg: readonly number[],
): OmaPoint[] {
  return radiiHundredthsMm.map((radius, index) => {
    const angleRad = ((anglesDeg[index] ?? 0) * Math.PI) / 180;
    return {
      xMm: (radius / 100) * Math.cos(angleRad),
      yMm: (radius / 100) * Math.sin(angleRad),
    };
  });
}

/**
 * Measures a closed shape. `heightsMm`, when given, holds one Z height per
 * point and adds the 3-D circumference.
 */
export function computeTraceGeometry(
  points: readonly OmaPoint[],
  heightsMm: readonly number[] | null = null,
): OmaTraceGeometry {
  const [minX, maxX] = findRange(points.map((point) => point.xMm));
  const [minY, maxY] = findRange(points.map((point) => point.yMm));
  const centre = { xMm: (minX + maxX) / 2, yMm: (minY + maxY) / 2 };
  const farthest = findFarthestPoint(points, centre);

  return {
    hboxMm: maxX - minX,
    vboxMm: maxY - minY,
    circumferenceMm: measurePerimeter(points, null),
    circumference3dMm: heightsMm ? measurePerimeter(points, heightsMm) : null,
    effectiveDiameterMm: 2 * farthest.distanceMm,
    effectiveDiameterAxisDeg: farthest.axisDeg,
    boxCentreOffsetMm: centre,
  };
}

// Math.min(...values) would overflow the call stack on very long traces.
function findRange(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return values.length === 0 ? [0, 0] : [min, max];
}

function measurePerimeter(
  points: readonly OmaPoint[],
  heightsMm: readonly number[] | null,
): number {
  let total = 0;
  points.forEach((point, index) => {
    const nextIndex = (index + 1) % points.length;
    const next = points[nextIndex] ?? point;
    const dz = heightsMm
      ? (heightsMm[nextIndex] ?? 0) - (heightsMm[index] ?? 0)
      : 0;
    total += Math.hypot(next.xMm - point.xMm, next.yMm - point.yMm, dz);
  });
  return total;
}

function findFarthestPoint(points: readonly OmaPoint[], centre: OmaPoint) {
  let distanceMm = 0;
  let axisDeg = 0;
  for (const point of points) {
    const dx = point.xMm - centre.xMm;
    const dy = point.yMm - centre.yMm;
    const distance = Math.hypot(dx, dy);
    if (distance > distanceMm) {
      distanceMm = distance;
      // A diameter has no direction, so its axis is folded into 0–180°.
      axisDeg = ((((Math.atan2(dy, dx) * 180) / Math.PI) % 180) + 180) % 180;
    }
  }
  return { distanceMm, axisDeg };
}
