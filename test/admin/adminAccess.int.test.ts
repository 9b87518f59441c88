import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashApiToken } from '../../server/auth/apiTokens.js';
import { apiTokens, users } from '../../server/db/schema.js';
import { seedTenant } from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import {
  issueTestToken,
  startTestPlatform,
  type TestPlatform,
} from '../support/testPlatform.js';
import {
  loginAsAdmin,
  postAdminLogin,
  ROOMY_RATE_LIMITS,
} from './adminSession.js';

const JOB_ID = '00000000-0000-4000-8000-000000000001';

/** Every operators' page and the dashboard's own API (cookie routes). */
const DASHBOARD_ROUTES = [
  ['GET', '/admin/queues'],
  ['GET', '/admin/queues/queue/redis:emails'],
  ['GET', '/admin/queues/api/queues'],
  ['GET', '/admin/queues/api/redis/stats'],
  ['PUT', '/admin/queues/api/queues/postgres:emails/pause'],
  ['PUT', `/admin/queues/api/queues/postgres:emails/${JOB_ID}/retry`],
  ['GET', '/admin/health'],
  ['GET', '/admin/jobs'],
  ['GET', '/admin/jobs?queue=emails'],
] as const;

/** The admin API for scripts (bearer routes). */
const API_ROUTES = [
  ['GET', '/api/admin/queue-stats'],
  ['GET', '/api/admin/health'],
  ['GET', '/api/admin/jobs'],
  ['POST', `/api/admin/queues/emails/jobs/${JOB_ID}/retry`],
  ['POST', '/api/admin/queues/emails/retry-failed'],
  ['POST', '/api/admin/queues/emails/clean'],
  ['POST', '/api/admin/queues/emails/pause'],
  ['POST', '/api/admin/queues/emails/resume'],
] as const;

const FORGED_COOKIE = `il_admin_session=${'A'.repeat(43)}`;

describe('operators’ routes', () => {
  let database: TestDatabase;
  let platform: TestPlatform;
  let adminToken: string;
  let staffToken: string;

  function call(method: string, path: string, headers = {}) {
    return fetch(`${platform.url}${path}`, {
      method,
      headers: { accept: 'text/html', ...headers },
      redirect: 'manual',
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.handle.db;
    const tenant = await seedTenant(db);
    await db
      .update(users)
      .set({ role: 'platform_admin' })
      .where(eq(users.id, tenant.admin.id));
    adminToken = await issueTestToken(db, tenant.admin.id);
    staffToken = await issueTestToken(db, tenant.staff.id);
    platform = await startTestPlatform(database.url, ROOMY_RATE_LIMITS);
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  const refusals = [
    ['no credentials', () => ({})],
    ['a staff token', () => ({ authorization: `Bearer ${staffToken}` })],
    ['a forged cookie', () => ({ cookie: FORGED_COOKIE })],
    // A platform admin's bearer token opens no dashboard: it takes a session.
    [
      'an admin bearer token',
      () => ({ authorization: `Bearer ${adminToken}` }),
    ],
  ] as const;

  it.each(refusals)(
    'refuses every dashboard route with %s',
    async (_, headers) => {
      for (const [method, path] of DASHBOARD_ROUTES) {
        const response = await call(method, path, headers());
        const body = await response.text();
        expect([303, 401], `${method} ${path}`).toContain(response.status);
        if (response.status === 303) {
          expect(response.headers.get('location')).toBe('/admin/login');
        }
        expect(body).not.toContain('emails');
      }
    },
  );

  it.each(refusals.slice(0, 3))(
    'refuses every admin API route with %s',
    async (_, headers) => {
      for (const [method, path] of API_ROUTES) {
        const response = await call(method, path, headers());
        expect([401, 403], `${method} ${path}`).toContain(response.status);
      }
    },
  );

  it('refuses a staff token at the login form and sets no cookie', async () => {
    const response = await postAdminLogin(platform.url, staffToken);
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('Only platform admins');
  });

  it('sets a strict, HttpOnly session cookie scoped to /admin', async () => {
    const response = await postAdminLogin(platform.url, adminToken);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/queues');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin(;|$)/);
    // Plain http on loopback: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toContain(adminToken);
  });

  it('opens every dashboard route with a session, and logout ends it', async () => {
    const cookie = await loginAsAdmin(platform.url, adminToken);
    for (const [method, path] of DASHBOARD_ROUTES.filter(
      ([m]) => m === 'GET',
    )) {
      const response = await call(method, path, { cookie });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain(
        "script-src 'self'",
      );
    }

    const logout = await call('POST', '/admin/logout', { cookie });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await call('GET', '/admin/queues/api/queues', { cookie });
    expect(after.status).toBe(401);
  });

  it('ends a session when its user is no longer a platform admin', async () => {
    const cookie = await loginAsAdmin(platform.url, adminToken);
    const db = database.handle.db;
    const [row] = await db
      .update(users)
      .set({ role: 'company_admin' })
      .where(eq(users.role, 'platform_admin'))
      .returning({ id: users.id });
    try {
      const response = await call('GET', '/admin/queues/api/queues', {
        cookie,
      });
      expect(response.status).toBe(401);
    } finally {
      await db
        .update(users)
        .set({ role: 'platform_admin' })
        .where(eq(users.id, row!.id));
    }
  });

  it('ends a session when the token it was opened with is revoked', async () => {
    const cookie = await loginAsAdmin(platform.url, adminToken);
    const before = await call('GET', '/admin/queues/api/queues', { cookie });
    expect(before.status).toBe(200);

    await database.handle.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.tokenHash, hashApiToken(adminToken)));
    try {
      const after = await call('GET', '/admin/queues/api/queues', { cookie });
      expect(after.status).toBe(401);
    } finally {
      await database.handle.db
        .update(apiTokens)
        .set({ revokedAt: null })
        .where(eq(apiTokens.tokenHash, hashApiToken(adminToken)));
    }
  });

  it('escapes what the search page echoes back', async () => {
    const cookie = await loginAsAdmin(platform.url, adminToken);
    const name = '<script>alert(1)</script>';
    const response = await call(
      'GET',
      `/admin/jobs?name=${encodeURIComponent(name)}`,
      { cookie },
    );
    const page = await response.text();
    expect(page).not.toContain(name);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses dashboard calls that bypass the outbox', async () => {
    const cookie = await loginAsAdmin(platform.url, adminToken);
    const response = await fetch(
      `${platform.url}/admin/queues/api/queues/redis:emails/add`,
      {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'generic', data: {} }),
      },
    );
    expect(response.status).toBe(405);
  });
});
