import express, { Router } from 'express';
import { findUserByToken } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { sendAdminPage } from './adminPage.js';
import {
  ADMIN_SESSION_TTL_MS,
  clearAdminSessionCookie,
  readAdminSessionId,
  setAdminSessionCookie,
} from './adminSessionCookie.js';
import {
  createAdminSession,
  deleteAdminSession,
} from './adminSessionRepository.js';
import { renderLoginPage } from './loginPage.js';

const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;
const FORM_BODY_LIMIT = '2kb';

/**
 * `/admin/login` and `/admin/logout`. A platform admin's API token buys a
 * server-side session; the token itself is never stored or echoed.
 */
export function createAdminLoginRoutes(db: Database, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT });

  router.get('/login', (_req, res) => {
    sendAdminPage(res, 200, renderLoginPage());
  });

  router.post('/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const user = TOKEN.test(token)
      ? await findUserByToken(db, token)
      : undefined;
    if (!user) {
      sendAdminPage(res, 401, renderLoginPage('That token is not valid.'));
      return;
    }
    if (user.role !== 'platform_admin') {
      logger.warn({ userId: user.id }, 'admin.login_refused');
      const problem = 'Only platform admins may open the dashboard.';
      sendAdminPage(res, 403, renderLoginPage(problem));
      return;
    }
    const sessionId = await createAdminSession(db, user, ADMIN_SESSION_TTL_MS);
    setAdminSessionCookie(req, res, sessionId);
    logger.info({ userId: user.id }, 'admin.login');
    res.redirect(303, '/admin/queues');
  });

  router.post('/logout', async (req, res) => {
    const sessionId = readAdminSessionId(req);
    if (sessionId) await deleteAdminSession(db, sessionId);
    clearAdminSessionCookie(req, res);
    res.redirect(303, '/admin/login');
  });

  return router;
}
