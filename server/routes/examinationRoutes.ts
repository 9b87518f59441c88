import { Router } from 'express';
import { createExaminationRequest } from '../../shared/api/examinationRequests.js';
import { idParams } from '../../shared/api/orderRequests.js';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import {
  listExaminations,
  recordExamination,
} from '../examinations/examinationService.js';
import { parseInput } from './parseInput.js';

/** Eye examinations of the caller's company's patients. */
export function createExaminationRoutes(db: Database): Router {
  const router = Router();

  router.post('/:id/examinations', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const body = parseInput(createExaminationRequest, req.body);
    const result = await recordExamination(db, currentUser(req), id, body);
    res.status(201).json(result);
  });

  router.get('/:id/examinations', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    res.json({
      examinations: await listExaminations(db, currentUser(req), id),
    });
  });

  return router;
}
