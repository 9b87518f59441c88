import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/client.js';
import { findAdminSessionUser } from './adminSessionRepository.js';
import { readAdminSessionId } from './adminSessionCookie.js';

/** Where a browser without a session is sent. */
export const ADMIN_LOGIN_PATH = '/admin/login';

function wantsPage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    !req.originalUrl.includes('/api/') &&
    req.accepts(['html', 'json']) === 'html'
  );
}

/**
 * Lets a request through only with the cookie of a live session of a
 * platform admin. Pages answer a redirect to the login form; the
 * dashboard's API answers 401, so nothing of a queue leaks either way.
 */
export function requireAdminSession(db: Database) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const sessionId = readAdminSessionId(req);
    const user = sessionId
      ? await findAdminSessionUser(db, sessionId)
      : undefined;
    if (user) {
      req.user = user;
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (wantsPage(req)) {
      res.redirect(303, ADMIN_LOGIN_PATH);
      return;
    }
    res.status(401).json({
      error: {
        code: 'unauthenticated',
        message: `Log in at ${ADMIN_LOGIN_PATH} with a platform admin token`,
      },
    });
  };
}
