import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { AuthenticatedUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { apiTokens, users } from '../db/schema.js';
import { adminSessions } from '../db/schemas/adminSessionsSchema.js';

/** A fresh session id: 256 random bits, given to the browser only. */
function generateSessionId(): string {
  return randomBytes(32).toString('base64url');
}

function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/**
 * Opens a session for `userId` and returns its id, the only copy of which
 * goes into the cookie. Expired sessions of the same user are dropped.
 */
export async function createAdminSession(
  db: Database,
  user: { id: string; tokenId?: string },
  ttlMs: number,
): Promise<string> {
  const userId = user.id;
  const sessionId = generateSessionId();
  await db
    .delete(adminSessions)
    .where(
      and(
        eq(adminSessions.userId, userId),
        lte(adminSessions.expiresAt, new Date()),
      ),
    );
  await db.insert(adminSessions).values({
    sessionHash: hashSessionId(sessionId),
    userId,
    apiTokenId: user.tokenId,
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return sessionId;
}

/**
 * The user of a live session who is still a platform admin, opened with a
 * token that is still live: a user whose role changed, or whose token was
 * revoked or expired since login, loses the dashboard at the next request.
 */
export async function findAdminSessionUser(
  db: Database,
  sessionId: string,
): Promise<AuthenticatedUser | undefined> {
  const [row] = await db
    .select({ id: users.id, companyId: users.companyId, role: users.role })
    .from(adminSessions)
    .innerJoin(users, eq(users.id, adminSessions.userId))
    .innerJoin(apiTokens, eq(apiTokens.id, adminSessions.apiTokenId))
    .where(
      and(
        eq(adminSessions.sessionHash, hashSessionId(sessionId)),
        gt(adminSessions.expiresAt, new Date()),
        eq(users.role, 'platform_admin'),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    );
  return row;
}

export async function deleteAdminSession(
  db: Database,
  sessionId: string,
): Promise<void> {
  await db
    .delete(adminSessions)
    .where(eq(adminSessions.sessionHash, hashSessionId(sessionId)));
}
