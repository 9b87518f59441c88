import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import {
  createOrder,
  getOrder,
  requestOrderDocument,
  shipOrder,
} from '../orders/orderService.js';
import {
  createOrderRequest,
  idParams,
  shipOrderRequest,
} from '../../shared/api/orderRequests.js';
import { parseInput } from './parseInput.js';

const documentParams = idParams.extend({
  kind: z.enum(['invoice', 'receipt', 'lab-ticket'], {
    message: 'expected invoice, receipt or lab-ticket',
  }),
});

/** Orders of the caller's company, and the documents made from them. */
export function createOrderRoutes(db: Database): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseInput(createOrderRequest, req.body);
    const { order, jobs } = await createOrder(db, currentUser(req), body);
    res.status(201).json({ order, jobs });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    res.json({ order: await getOrder(db, currentUser(req), id) });
  });

  router.post('/:id/ship', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const body = parseInput(shipOrderRequest, req.body);
    res.json(await shipOrder(db, currentUser(req), id, body));
  });

  router.post('/:id/:kind', async (req, res) => {
    const { id, kind } = parseInput(documentParams, req.params);
    const jobId = await requestOrderDocument(db, currentUser(req), id, kind);
    res.status(202).json({ jobId, queue: 'pdfs' });
  });

  return router;
}
