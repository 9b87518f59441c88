import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { patients } from '../db/schema.js';
import {
  examinations,
  type ExaminationRow,
} from '../db/schemas/examinationsSchema.js';

/** Reads and writes of patient examinations. */
export function createExaminationRepository(db: Executor) {
  return {
    async findCompanyPatient(companyId: string, patientId: string) {
      const [row] = await db
        .select({ id: patients.id })
        .from(patients)
        .where(
          and(eq(patients.id, patientId), eq(patients.companyId, companyId)),
        );
      return row;
    },

    async insertExamination(
      values: typeof examinations.$inferInsert,
    ): Promise<ExaminationRow> {
      const [row] = await db.insert(examinations).values(values).returning();
      return row!;
    },

    /** A patient's examinations, the most recent first. */
    listForPatient(
      companyId: string,
      patientId: string,
    ): Promise<ExaminationRow[]> {
      return db
        .select()
        .from(examinations)
        .where(
          and(
            eq(examinations.patientId, patientId),
            eq(examinations.companyId, companyId),
          ),
        )
        .orderBy(desc(examinations.examinedOn), desc(examinations.createdAt))
        .limit(500);
    },
  };
}
