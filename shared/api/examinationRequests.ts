import { z } from 'zod';
import { isoDate } from '../jobs/ids.js';

/** A number within [min, max] on a grid of `step` (dioptres, mm). */
function steppedNumber(min: number, max: number, step: number, unit: string) {
  return z
    .number({ message: 'expected a number' })
    .min(min, { message: `must be at least ${min} ${unit}` })
    .max(max, { message: `must be at most ${max} ${unit}` })
    .refine((value) => Number.isInteger(value / step), {
      message: `must be a multiple of ${step} ${unit}`,
    });
}

/** Snellen (6/6, 20/40) or decimal (1.0, 0.63) notation. */
const VISUAL_ACUITY = /^(\d{1,2}\/\d{1,3}|\d(\.\d{1,2})?)$/;

/** One eye's findings; every field may be left out. */
export const eyeExamination = z
  .strictObject({
    visualAcuity: z
      .string()
      .trim()
      .regex(VISUAL_ACUITY, 'expected Snellen (6/6, 20/40) or decimal (1.0)')
      .optional(),
    sphere: steppedNumber(-30, 30, 0.25, 'D').optional(),
    cylinder: steppedNumber(-10, 10, 0.25, 'D').optional(),
    axis: z
      .number({ message: 'expected a number' })
      .int({ message: 'must be a whole number of degrees' })
      .min(0, { message: 'must be at least 0 degrees' })
      .max(180, { message: 'must be at most 180 degrees' })
      .optional(),
    add: steppedNumber(0, 4, 0.25, 'D').optional(),
    prism: steppedNumber(0, 20, 0.25, 'prism dioptres').optional(),
    prismBase: z
      .enum(['in', 'out', 'up', 'down'], {
        message: 'expected in, out, up or down',
      })
      .optional(),
    intraocularPressureMmHg: z
      .number({ message: 'expected a number' })
      .min(0, { message: 'must be at least 0 mmHg' })
      .max(80, { message: 'must be at most 80 mmHg' })
      .optional(),
  })
  .superRefine((eye, context) => {
    const hasCylinder = eye.cylinder !== undefined && eye.cylinder !== 0;
    if (hasCylinder && eye.axis === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['axis'],
        message: 'is required with a cylinder',
      });
    }
    if (!hasCylinder && eye.axis !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['axis'],
        message: 'needs a non-zero cylinder',
      });
    }
    if (eye.prismBase !== undefined && !eye.prism) {
      context.addIssue({
        code: 'custom',
        path: ['prismBase'],
        message: 'needs a prism',
      });
    }
    if (eye.prism && eye.prismBase === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['prismBase'],
        message: 'is required with a prism',
      });
    }
  });
export type EyeExamination = z.infer<typeof eyeExamination>;

/** Body of `POST /api/patients/:id/examinations`. */
export const createExaminationRequest = z.strictObject({
  examinedOn: isoDate,
  examiner: z.string().trim().min(1).max(120),
  rightEye: eyeExamination,
  leftEye: eyeExamination,
  /** Binocular distance between the pupils' centres. */
  pupillaryDistanceMm: steppedNumber(40, 80, 0.5, 'mm').optional(),
  notes: z.string().trim().max(2000).optional(),
});
export type CreateExaminationRequest = z.infer<typeof createExaminationRequest>;
