import type { Database } from '../db/client.js';
import { ConflictError } from '../errors/conflictError.js';
import { NotFoundError } from '../errors/notFoundError.js';
import type { CreateTokenRequest } from '../../shared/api/tokenRequests.js';
import {
  countLiveApiTokens,
  insertApiToken,
  listUserApiTokens,
  revokeUserApiToken,
  type ApiTokenSummary,
} from './apiTokenRepository.js';
import { generateApiToken, hashApiToken } from './apiTokens.js';
import type { AuthenticatedUser } from './authenticate.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Live tokens one user may hold. A user who needs more is probably leaking
 * them; the cap also keeps a stolen token from minting thousands of others.
 */
export const MAX_LIVE_TOKENS_PER_USER = 50;

/** A new token: the secret is returned here once and never again. */
export interface CreatedApiToken {
  token: ApiTokenSummary;
  secret: string;
}

/** Creates a token for the caller itself; only its hash is stored. */
export async function createApiToken(
  db: Database,
  user: AuthenticatedUser,
  request: CreateTokenRequest,
): Promise<CreatedApiToken> {
  return db.transaction(async (tx) => {
    const live = await countLiveApiTokens(tx, user.id);
    if (live >= MAX_LIVE_TOKENS_PER_USER) {
      throw new ConflictError(
        `You already hold ${live} live tokens, the most allowed; revoke ` +
          'one you no longer use first.',
        { maxLiveTokens: MAX_LIVE_TOKENS_PER_USER },
      );
    }
    const secret = generateApiToken();
    const expiresAt = request.expiresInDays
      ? new Date(Date.now() + request.expiresInDays * DAY_MS)
      : null;
    const token = await insertApiToken(tx, {
      userId: user.id,
      tokenHash: hashApiToken(secret),
      label: request.label,
      expiresAt,
    });
    return { token, secret };
  });
}

/** The caller's own tokens, newest first, revoked and expired included. */
export function listApiTokens(
  db: Database,
  user: AuthenticatedUser,
): Promise<ApiTokenSummary[]> {
  return listUserApiTokens(db, user.id);
}

/**
 * Revokes one of the caller's tokens. Another user's token answers as if it
 * did not exist, so ids cannot be probed.
 */
export async function revokeApiToken(
  db: Database,
  user: AuthenticatedUser,
  tokenId: string,
): Promise<void> {
  const revoked = await revokeUserApiToken(db, user.id, tokenId);
  if (!revoked) throw new NotFoundError('Token', { id: tokenId });
}
