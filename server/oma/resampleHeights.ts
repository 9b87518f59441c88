/**
 * Interpolates Z heights onto the trace angles. Z data is often sparser
 * than the trace (250 heights for 1000 radii), and both are periodic, so
 * interpolation wraps from the last angle back to the first.
 */
export function resampleHeights(
  heightsMm: readonly number[],
  heightAnglesDeg: readonly number[],
  targetAnglesDeg: readonly number[],
): number[] {
  const samples = heightsMm
    .map((heightMm, index) => ({
      angleDeg: normaliseDeg(heightAnglesDeg[index] ?? 0),
      heightMm,
    }))
    .sort((a, b) => a.angleDeg - b.angleDeg);
  if (samples.length === 0) return targetAnglesDeg.map(() => 0);

  return targetAnglesDeg.map((target) => {
    const angle = normaliseDeg(target);
    const afterIndex = samples.findIndex((sample) => sample.angleDeg >= angle);
    const after = samples[afterIndex < 0 ? 0 : afterIndex];
    const before = samples.at(afterIndex <= 0 ? -1 : afterIndex - 1);
    if (!after || !before) return 0;

    const span = normaliseDeg(after.angleDeg - before.angleDeg) || 360;
    const offset = normaliseDeg(angle - before.angleDeg);
    const weight = offset / span;
    return before.heightMm + (after.heightMm - before.heightMm) * weight;
  });
}

function normaliseDeg(angleDeg: number): number {
  return ((angleDeg % 360) + 360) % 360;
}
