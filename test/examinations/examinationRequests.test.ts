import { describe, expect, it } from 'vitest';
import { createExaminationRequest } from '../../shared/api/examinationRequests.js';

const valid = {
  examinedOn: '2025-05-02',
  examiner: 'Dr. Elin Berg',
  rightEye: { sphere: -1.25, cylinder: -0.5, axis: 90, add: 1.5 },
  leftEye: { sphere: 0.75 },
};

function issuePaths(input: unknown): string[] {
  const parsed = createExaminationRequest.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => issue.path.join('.'));
}

describe('createExaminationRequest', () => {
  it('accepts values on the 0.25 D grid within range', () => {
    expect(issuePaths(valid)).toEqual([]);
    expect(
      issuePaths({ ...valid, leftEye: { sphere: -30, cylinder: 10, axis: 0 } }),
    ).toEqual([]);
  });

  it.each([
    ['sphere beyond +30 D', { sphere: 40 }, 'rightEye.sphere'],
    ['sphere off the 0.25 D grid', { sphere: 1.1 }, 'rightEye.sphere'],
    [
      'cylinder beyond 10 D',
      { cylinder: -10.25, axis: 5 },
      'rightEye.cylinder',
    ],
    ['axis above 180', { cylinder: -1, axis: 200 }, 'rightEye.axis'],
    ['axis with decimals', { cylinder: -1, axis: 12.5 }, 'rightEye.axis'],
    ['cylinder without axis', { cylinder: -1 }, 'rightEye.axis'],
    ['axis without cylinder', { axis: 90 }, 'rightEye.axis'],
    ['add above 4 D', { add: 4.25 }, 'rightEye.add'],
    ['prism without base', { prism: 1 }, 'rightEye.prismBase'],
    [
      'pressure above 80 mmHg',
      { intraocularPressureMmHg: 81 },
      'rightEye.intraocularPressureMmHg',
    ],
    ['unreadable acuity', { visualAcuity: 'good' }, 'rightEye.visualAcuity'],
  ])('names the field for %s', (_case, rightEye, path) => {
    expect(issuePaths({ ...valid, rightEye })).toContain(path);
  });

  it('refuses an impossible pupillary distance and an unknown field', () => {
    expect(issuePaths({ ...valid, pupillaryDistanceMm: 120 })).toEqual([
      'pupillaryDistanceMm',
    ]);
    expect(issuePaths({ ...valid, diagnosis: 'x' })).toEqual(['']);
  });
});
