import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/client.js';
import { apiTokens, users, type UserRole } from '../db/schema.js';
import { ForbiddenError } from '../errors/forbiddenError.js';
import { UnauthenticatedError } from '../errors/unauthenticatedError.js';
import { hashApiToken } from './apiTokens.js';

/** The caller, as every authenticated route sees it. */
export interface AuthenticatedUser {
  id: string;
  companyId: string;
  role: UserRole;
  /** The API token the caller presented, when it came with one. */
  tokenId?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthenticatedUser;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/** Finds the live token's user: not revoked, not expired. */
export async function findUserByToken(
  db: Database,
  token: string,
): Promise<AuthenticatedUser | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      companyId: users.companyId,
      role: users.role,
      tokenId: apiTokens.id,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    );
  return row;
}

/** Requires `Authorization: Bearer <token>` of a live token. */
export function authenticate(db: Database) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) throw new UnauthenticatedError();
    const match = BEARER.exec(header.trim());
    if (!match?.[1]) {
      throw new UnauthenticatedError(
        'The Authorization header must read "Bearer <token>"',
      );
    }
    const user = await findUserByToken(db, match[1]);
    if (!user)
      throw new UnauthenticatedError(
        'The token is unknown, expired or revoked',
      );
    req.user = user;
    next();
  };
}

/** Lets only the given roles through; run after `authenticate`. */
export function requireRole(...roles: UserRole[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) {
      throw new ForbiddenError(`Only ${roles.join(' or ')} may do this`);
    }
    next();
  };
}

/** The authenticated user; routes behind `authenticate` always have one. */
export function currentUser(req: Request): AuthenticatedUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}
