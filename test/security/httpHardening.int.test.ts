import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  inject,
  it,
} from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createErrorHandler } from '../../server/routes/errorHandler.js';
import { createRateLimitConnection } from '../../server/security/rateLimitConnection.js';
import { createRateLimits } from '../../server/security/rateLimits.js';
import { createSecurityHeaders } from '../../server/security/securityHeaders.js';
import { UNREACHABLE_REDIS_URL } from '../support/testConfig.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';
import {
  startSecurityPlatform,
  type SecurityPlatform,
} from './securityPlatform.js';

const logger = createTestLogger();

describe('security headers and CORS of the running API', () => {
  let security: SecurityPlatform;

  beforeAll(async () => {
    security = await startSecurityPlatform({
      CORS_ORIGINS: 'https://app.example.test',
    });
  });
  afterAll(async () => {
    await security?.close();
  });

  it('sends helmet headers and a policy that loads nothing', async () => {
    const response = await request(security.url).get('/api/health');

    expect(response.headers['content-security-policy']).toContain(
      "default-src 'none'",
    );
    expect(response.headers['content-security-policy']).toContain(
      "frame-ancestors 'none'",
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows a configured origin, with a preflight answer', async () => {
    const response = await request(security.url)
      .options('/api/orders')
      .set('Origin', 'https://app.example.test')
      .set('Access-Control-Request-Method', 'POST');

    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(
      'https://app.example.test',
    );
    expect(response.headers['access-control-allow-headers']).toContain(
      'Authorization',
    );
  });

  it('sends no CORS header to an origin that is not configured', async () => {
    const response = await request(security.url)
      .get('/api/health')
      .set('Origin', 'https://evil.example.test');

    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS without configuration', () => {
  it('is off: no origin gets an Allow-Origin header', async () => {
    const config = loadConfig({});
    const security = await startSecurityPlatform();
    try {
      const response = await request(security.url)
        .get('/api/health')
        .set('Origin', 'https://app.example.test');

      expect(config.http.corsOrigins).toEqual([]);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await security.close();
    }
  });
});

describe('createSecurityHeaders', () => {
  it('gives a configured path its own policy and the rest the API one', async () => {
    const app = express();
    app.use(
      createSecurityHeaders([
        {
          pathPrefix: '/admin',
          directives: { 'default-src': ["'self'"], 'style-src': ["'self'"] },
        },
      ]),
    );
    app.get(['/admin/jobs', '/administrator', '/api/x'], (_req, res) => {
      res.send('ok');
    });

    const csp = async (path: string) =>
      (await request(app).get(path)).headers['content-security-policy'];

    expect(await csp('/admin/jobs')).toContain("default-src 'self'");
    expect(await csp('/administrator')).toContain("default-src 'none'");
    expect(await csp('/api/x')).toContain("default-src 'none'");
  });
});

/** A small app with the limiters and the real error handler. */
function createLimitedApp(
  limits: { authPerMinute?: number; writesPerMinute?: number } = {},
  redis?: Redis,
  keyPrefix = `rl-test-${randomUUID().slice(0, 8)}`,
) {
  const app = express();
  app.use(
    createRateLimits({
      limits: {
        authPerMinute: limits.authPerMinute ?? 0,
        writesPerMinute: limits.writesPerMinute ?? 0,
        writesPerAddressPerMinute: 0,
      },
      keyPrefix,
      redis,
      logger,
    }),
  );
  app.all('/{*rest}', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(createErrorHandler(logger));
  return app;
}

describe('rate limits', () => {
  const connections: Redis[] = [];
  const connect = (url: string) => {
    const config = loadConfig({ REDIS_URL: url });
    const connection = createRateLimitConnection(config.redis);
    connections.push(connection);
    return connection;
  };
  const post = (app: express.Express, token: string) =>
    request(app).post('/api/orders').set('Authorization', `Bearer ${token}`);

  afterEach(() => {
    for (const connection of connections.splice(0)) connection.disconnect();
  });

  it('answers 429 with Retry-After and the limit past the token limit', async () => {
    const app = createLimitedApp({ writesPerMinute: 2 });

    await post(app, 'token-a').expect(200);
    await post(app, 'token-a').expect(200);
    const refused = await post(app, 'token-a');
    const otherToken = await post(app, 'token-b');
    const read = await request(app)
      .get('/api/orders')
      .set('Authorization', 'Bearer token-a');

    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('at most 2 per minute'),
    });
    expect(otherToken.status).toBe(200);
    expect(read.status).toBe(200);
  });

  it('limits the auth routes per address for every method', async () => {
    const app = createLimitedApp({ authPerMinute: 1 });

    await request(app).get('/api/auth/tokens').expect(200);
    const refused = await request(app).get('/api/auth/tokens');

    expect(refused.status).toBe(429);
    expect(refused.body.error.details.scope).toBe('address');
  });

  it('shares counts between processes through Redis', async () => {
    const keyPrefix = `rl-shared-${randomUUID().slice(0, 8)}`;
    const redisUrl = inject('redisUrl');
    const first = createLimitedApp(
      { writesPerMinute: 2 },
      connect(redisUrl),
      keyPrefix,
    );
    const second = createLimitedApp(
      { writesPerMinute: 2 },
      connect(redisUrl),
      keyPrefix,
    );
    await waitFor(() => connections.every((c) => c.status === 'ready'), {
      what: 'both rate-limit connections',
    });

    await post(first, 'shared-token').expect(200);
    await post(second, 'shared-token').expect(200);
    const refused = await post(first, 'shared-token');

    expect(refused.status).toBe(429);
  });

  it('keeps answering, and limiting, while Redis is unreachable', async () => {
    const app = createLimitedApp(
      { writesPerMinute: 2 },
      connect(UNREACHABLE_REDIS_URL),
    );

    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await post(app, 'outage-token')).status);
    }

    expect(statuses).toEqual([200, 200, 429]);
  });
});
