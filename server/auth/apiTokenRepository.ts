import { and, count, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { apiTokens } from '../db/schema.js';

/** A token as its owner may see it: never the secret, never the hash. */
export interface ApiTokenSummary {
  id: string;
  label: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const SUMMARY_COLUMNS = {
  id: apiTokens.id,
  label: apiTokens.label,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};

export async function insertApiToken(
  executor: Executor,
  values: {
    userId: string;
    tokenHash: string;
    label: string;
    expiresAt: Date | null;
  },
): Promise<ApiTokenSummary> {
  const [row] = await executor
    .insert(apiTokens)
    .values(values)
    .returning(SUMMARY_COLUMNS);
  return row!;
}

export function listUserApiTokens(
  executor: Executor,
  userId: string,
): Promise<ApiTokenSummary[]> {
  return executor
    .select(SUMMARY_COLUMNS)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Tokens of the user that still work: not revoked, not expired. */
export async function countLiveApiTokens(
  executor: Executor,
  userId: string,
): Promise<number> {
  const [row] = await executor
    .select({ live: count() })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    );
  return row?.live ?? 0;
}

/**
 * Revokes the token only when `userId` owns it; a token revoked earlier
 * keeps its first revocation time. Returns false when the user owns no
 * token with that id.
 */
export async function revokeUserApiToken(
  executor: Executor,
  userId: string,
  tokenId: string,
): Promise<boolean> {
  const [owned] = await executor
    .select({ revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)));
  if (!owned) return false;
  if (!owned.revokedAt) {
    await executor
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)));
  }
  return true;
}
