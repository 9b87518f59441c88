import { Router } from 'express';
import {
  connectionIdParams,
  createConnectionRequest,
} from '../../shared/api/marketplaceRequests.js';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import {
  answerConnection,
  getConnection,
  listConnections,
  requestConnection,
} from '../marketplace/marketplaceService.js';
import { parseInput } from './parseInput.js';

/** Connection requests between companies. */
export function createMarketplaceRoutes(db: Database): Router {
  const router = Router();

  router.post('/connections', async (req, res) => {
    const body = parseInput(createConnectionRequest, req.body);
    res.status(201).json(await requestConnection(db, currentUser(req), body));
  });

  router.get('/connections', async (req, res) => {
    res.json({ connections: await listConnections(db, currentUser(req)) });
  });

  router.get('/connections/:id', async (req, res) => {
    const { id } = parseInput(connectionIdParams, req.params);
    res.json({ connection: await getConnection(db, currentUser(req), id) });
  });

  router.post('/connections/:id/accept', async (req, res) => {
    const { id } = parseInput(connectionIdParams, req.params);
    res.json(await answerConnection(db, currentUser(req), id, 'accepted'));
  });

  router.post('/connections/:id/decline', async (req, res) => {
    const { id } = parseInput(connectionIdParams, req.params);
    res.json(await answerConnection(db, currentUser(req), id, 'declined'));
  });

  return router;
}
