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
    // The stored path was made by the server; sendFile's root keeps it
    // inside the uploads folder all the same. The file's headers go with
    // the file only, so a refusal still answers as JSON.
    // Documents hold patient data: no shared cache may keep a copy.
    const headers = {
      'Cache-Control': 'private, no-store',
      'Content-Type': document.contentType,
      'Content-Disposition': `inline; filename="${path.basename(document.path)}"`,
    };
    await new Promise<void>((resolve, reject) => {
      const options = {
        root,
        dotfiles: 'deny' as const,
        headers,
        cacheControl: false,
      };
      res.sendFile(document.path, options, (error) => {
        if (!error) resolve();
        else reject(new NotFoundError('Document file', { id }));
      });
    });
  });

  return router;
}
