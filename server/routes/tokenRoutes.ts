import { Router } from 'express';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../auth/apiTokenService.js';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { idParams } from '../../shared/api/orderRequests.js';
import { createTokenRequest } from '../../shared/api/tokenRequests.js';
import { parseInput } from './parseInput.js';

/** The caller's own API tokens: create (secret shown once), list, revoke. */
export function createTokenRoutes(db: Database): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ tokens: await listApiTokens(db, currentUser(req)) });
  });

  router.post('/', async (req, res) => {
    const body = parseInput(createTokenRequest, req.body ?? {});
    const created = await createApiToken(db, currentUser(req), body);
    // The secret must not linger in any cache between here and the caller.
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.delete('/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    await revokeApiToken(db, currentUser(req), id);
    res.status(204).end();
  });

  return router;
}
