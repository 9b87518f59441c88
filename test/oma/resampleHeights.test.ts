import { describe, expect, it } from 'vitest';
import { resampleHeights } from '../../server/oma/resampleHeights.js';

describe('resampleHeights', () => {
  it('keeps heights that sit exactly on a trace angle', () => {
    expect(resampleHeights([1, 2, 3, 4], [0, 90, 180, 270], [0, 180])).toEqual([
      1, 3,
    ]);
  });

  it('interpolates linearly between neighbouring heights', () => {
    const [height] = resampleHeights([1, 3, 5, 7], [0, 90, 180, 270], [45]);

    expect(height).toBeCloseTo(2, 9);
  });

  it('wraps from the last height back to the first', () => {
    const [height] = resampleHeights([2, 0, 0, 6], [0, 90, 180, 270], [315]);

    expect(height).toBeCloseTo(4, 9);
  });

  it('gives fewer heights than points one value per trace angle', () => {
    const heights = [0, 10, 0, 10];
    const targets = Array.from({ length: 16 }, (_, index) => index * 22.5);

    const resampled = resampleHeights(heights, [0, 90, 180, 270], targets);

    expect(resampled).toHaveLength(16);
    expect(resampled[2]).toBeCloseTo(5, 9);
  });
});
