import type { CreateExaminationRequest } from '../../shared/api/examinationRequests.js';
import type { AuthenticatedUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import type { ExaminationRow } from '../db/schemas/examinationsSchema.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { queueExaminationFormPDF } from '../queue/helpers.js';
import { createExaminationRepository } from './examinationRepository.js';

/**
 * Stores an examination of one of the caller's company's patients and, in
 * the same transaction, queues its examination form; the caller is told
 * when the PDF is ready.
 */
export async function recordExamination(
  db: Database,
  user: AuthenticatedUser,
  patientId: string,
  request: CreateExaminationRequest,
): Promise<{
  examination: ExaminationRow;
  jobs: { examinationFormJobId: string };
}> {
  return db.transaction(async (tx) => {
    const repository = createExaminationRepository(tx);
    const patient = await repository.findCompanyPatient(
      user.companyId,
      patientId,
    );
    if (!patient) throw new NotFoundError('Patient', { patientId });
    const examination = await repository.insertExamination({
      companyId: user.companyId,
      patientId: patient.id,
      examinedOn: request.examinedOn,
      examiner: request.examiner,
      rightEye: request.rightEye,
      leftEye: request.leftEye,
      pupillaryDistanceMm: request.pupillaryDistanceMm ?? null,
      notes: request.notes ?? null,
      createdByUserId: user.id,
    });
    const examinationFormJobId = await queueExaminationFormPDF(
      patient.id,
      examination.id,
      { tx, requestedByUserId: user.id },
    );
    return { examination, jobs: { examinationFormJobId } };
  });
}

/** The examinations of one of the caller's company's patients. */
export async function listExaminations(
  db: Database,
  user: AuthenticatedUser,
  patientId: string,
): Promise<ExaminationRow[]> {
  const repository = createExaminationRepository(db);
  const patient = await repository.findCompanyPatient(
    user.companyId,
    patientId,
  );
  if (!patient) throw new NotFoundError('Patient', { patientId });
  return repository.listForPatient(user.companyId, patient.id);
}
