import {
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { EyeExamination } from '../../../shared/api/examinationRequests.js';
import { companies, patients, users } from '../schema.js';

/**
 * One eye examination of a patient. Each eye's findings are one JSON value
 * checked by `eyeExamination` (shared/api) before it is stored; the
 * examination form prints them as they are.
 */
export const examinations = pgTable(
  'examinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    examinedOn: date('examined_on', { mode: 'string' }).notNull(),
    examiner: text('examiner').notNull(),
    rightEye: jsonb('right_eye').$type<EyeExamination>().notNull(),
    leftEye: jsonb('left_eye').$type<EyeExamination>().notNull(),
    pupillaryDistanceMm: doublePrecision('pupillary_distance_mm'),
    notes: text('notes'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    index('examinations_patient_idx').on(table.patientId, table.examinedOn),
  ],
);

export type ExaminationRow = typeof examinations.$inferSelect;
