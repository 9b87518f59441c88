import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { examinations } from '../db/schemas/examinationsSchema.js';

/** The demo patient's one examination, created on the first seed only. */
export async function seedExamination(
  db: Database,
  companyId: string,
  patientId: string,
) {
  const [existing] = await db
    .select()
    .from(examinations)
    .where(eq(examinations.patientId, patientId))
    .limit(1);
  if (existing) return existing;
  const [created] = await db
    .insert(examinations)
    .values({
      companyId,
      patientId,
      examinedOn: '2025-03-14',
      examiner: 'Dr. Elin Berg',
      rightEye: {
        visualAcuity: '6/6',
        sphere: -1.25,
        cylinder: -0.5,
        axis: 90,
        add: 1.5,
        intraocularPressureMmHg: 15,
      },
      leftEye: {
        visualAcuity: '6/7.5',
        sphere: -1.5,
        cylinder: -0.75,
        axis: 85,
        add: 1.5,
        intraocularPressureMmHg: 16,
      },
      pupillaryDistanceMm: 63,
      notes: 'Reading glasses advised for near work.',
    })
    .returning();
  return created!;
}
