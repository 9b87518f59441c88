import type { Request, Response } from 'express';
import { HOUR } from '../queue/config.js';

/** Name of the dashboard's session cookie. */
export const ADMIN_SESSION_COOKIE = 'il_admin_session';

/** How long a dashboard login lasts. */
export const ADMIN_SESSION_TTL_MS = 8 * HOUR;

const SESSION_ID = /^[A-Za-z0-9_-]{20,100}$/;

/** The session id from the Cookie header, when it has a plausible shape. */
export function readAdminSessionId(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === ADMIN_SESSION_COOKIE && SESSION_ID.test(value)) return value;
  }
  return undefined;
}

// The cookie travels only to /admin, never to the API or to other sites,
// and page scripts cannot read it.
function cookieAttributes(req: Request, maxAgeSeconds: number): string {
  const attributes = [
    'Path=/admin',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (req.secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function setAdminSessionCookie(
  req: Request,
  res: Response,
  sessionId: string,
): void {
  const maxAgeSeconds = Math.floor(ADMIN_SESSION_TTL_MS / 1000);
  const attributes = cookieAttributes(req, maxAgeSeconds);
  res.setHeader(
    'Set-Cookie',
    `${ADMIN_SESSION_COOKIE}=${sessionId}; ${attributes}`,
  );
}

export function clearAdminSessionCookie(req: Request, res: Response): void {
  res.setHeader(
    'Set-Cookie',
    `${ADMIN_SESSION_COOKIE}=; ${cookieAttributes(req, 0)}`,
  );
}
