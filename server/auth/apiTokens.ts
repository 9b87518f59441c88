import { createHash, randomBytes } from 'node:crypto';

/** Prefix that makes a leaked token easy to recognise and search for. */
const TOKEN_PREFIX = 'il_';

/** A fresh token: 256 random bits. Shown once; only its hash is stored. */
export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of the token. Looking a token up by its hash means no comparison
 * of secrets happens in application code, so none can leak through timing.
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
