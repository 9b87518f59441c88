import path from 'node:path';
import { Router } from 'express';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { findCompanyDocument } from '../orders/orderRepository.js';
import { idParams } from '../../shared/api/orderRequests.js';
import { parseInput } from './parseInput.js';

/** Generated files, served only through their row and company. */
export function createDocumentRoutes(db: Database, uploadsDir: string): Router {
  const router = Router();
  const root = path.resolve(uploadsDir);

  router.get('/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const document = await findCompanyDocument(
      db,
      currentUser(req).companyId,
      id,
    );
    if (!document) throw new NotFoundError('Document', { id });
    res.setHeader('Content-Type', document.contentType);
    res.setHeader(
      'Content-Disposition',
      `inline; filename="${path.basename(document.path)}"`,
    );
    // The stored path was made by the server; sendFile's root keeps it
    // inside the uploads folder all the same.
    await new Promise<void>((resolve, reject) => {
      res.sendFile(document.path, { root, dotfiles: 'deny' }, (error) => {
        if (!error) resolve();
        else reject(new NotFoundError('Document file', { id }));
      });
    });
  });

  return router;
}
