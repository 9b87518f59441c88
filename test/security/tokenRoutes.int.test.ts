import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../server/auth/apiTokens.js';
import { MAX_LIVE_TOKENS_PER_USER } from '../../server/auth/apiTokenService.js';
import { apiTokens } from '../../server/db/schema.js';
import {
  issueToken,
  startSecurityPlatform,
  type SecurityPlatform,
} from './securityPlatform.js';

const DAY_MS = 24 * 60 * 60 * 1000;
let security: SecurityPlatform;
let staffToken: string;

const api = () => request(security.url);
const asStaff = (test: request.Test, token = staffToken) =>
  test.set('Authorization', `Bearer ${token}`);

async function createToken(body: object = {}, token = staffToken) {
  return asStaff(api().post('/api/auth/tokens'), token).send(body);
}

beforeAll(async () => {
  security = await startSecurityPlatform({ RATE_LIMIT_AUTH_PER_MINUTE: '0' });
  staffToken = security.home.callers.staff.token;
});

afterAll(async () => {
  await security?.close();
});

describe('POST /api/auth/tokens', () => {
  it('shows a 256-bit secret once and stores only its hash', async () => {
    const response = await createToken({ label: 'lab link' });

    expect(response.status).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { secret, token } = response.body;
    expect(secret).toMatch(/^il_[A-Za-z0-9_-]{43}$/);
    const [row] = await security.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).toBe(hashApiToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(3));
  });

  it('makes a token that authenticates its creator', async () => {
    const { body } = await createToken();

    const list = await asStaff(api().get('/api/auth/tokens'), body.secret);

    expect(list.status).toBe(200);
    expect(list.body.tokens.map((t: { id: string }) => t.id)).toContain(
      body.token.id,
    );
  });

  it('sets the expiry the given number of days ahead', async () => {
    const before = Date.now();
    const { body } = await createToken({ expiresInDays: 30 });

    const expiresAt = new Date(body.token.expiresAt).getTime();
    expect(expiresAt - before).toBeGreaterThanOrEqual(30 * DAY_MS - 1000);
    expect(expiresAt - before).toBeLessThanOrEqual(30 * DAY_MS + 60_000);
  });

  it.each([
    ['an expiry over 365 days', { expiresInDays: 366 }],
    ['an expiry of 0 days', { expiresInDays: 0 }],
    ['a fractional expiry', { expiresInDays: 1.5 }],
    ['a label of 101 characters', { label: 'x'.repeat(101) }],
    ['a label with a line break', { label: 'a\nb' }],
    ['an unknown field', { label: 'x', userId: 'someone-else' }],
  ])('answers 400 for %s', async (_what, body) => {
    const response = await createToken(body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });

  it('refuses a new token once the user holds the most allowed', async () => {
    const user = security.home.callers.company_admin;
    for (let i = 1; i < MAX_LIVE_TOKENS_PER_USER; i += 1) {
      await issueToken(security.db, user.userId);
    }

    const response = await createToken({}, user.token);

    expect(response.status).toBe(409);
  });
});

describe('an expired or revoked token', () => {
  it('answers 401 once the token has expired', async () => {
    const { body } = await createToken({ expiresInDays: 1 });
    await security.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, body.token.id));

    const response = await asStaff(api().get('/api/auth/tokens'), body.secret);

    expect(response.status).toBe(401);
  });
});

describe('GET /api/auth/tokens', () => {
  it('lists only the caller own tokens, without secrets or hashes', async () => {
    const { body: mine } = await createToken({ label: 'mine' });
    const other = security.home.callers.company_admin;

    const response = await asStaff(api().get('/api/auth/tokens'));

    const ids = response.body.tokens.map((t: { id: string }) => t.id);
    expect(ids).toContain(mine.token.id);
    const [otherRow] = await security.db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashApiToken(other.token)));
    expect(ids).not.toContain(otherRow!.id);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(mine.secret);
    expect(text).not.toMatch(/tokenHash|token_hash|[0-9a-f]{64}/);
  });
});

describe('DELETE /api/auth/tokens/:id', () => {
  it('revokes the caller own token, which then answers 401', async () => {
    const { body } = await createToken();

    const revoked = await asStaff(
      api().delete(`/api/auth/tokens/${body.token.id}`),
    );
    const after = await asStaff(api().get('/api/auth/tokens'), body.secret);

    expect(revoked.status).toBe(204);
    expect(after.status).toBe(401);
  });

  it('answers 404 and keeps the token of another user of the company', async () => {
    const admin = security.home.callers.platform_admin;
    const { body } = await createToken({}, admin.token);

    const response = await asStaff(
      api().delete(`/api/auth/tokens/${body.token.id}`),
    );
    const stillWorks = await asStaff(
      api().get('/api/auth/tokens'),
      body.secret,
    );

    expect(response.status).toBe(404);
    expect(stillWorks.status).toBe(200);
  });

  it('answers 400 when the id is not a UUID', async () => {
    const response = await asStaff(api().delete("/api/auth/tokens/1' or 1=1"));

    expect(response.status).toBe(400);
  });
});
