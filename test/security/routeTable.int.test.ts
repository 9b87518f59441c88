import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRegisteredRoutes } from '../../server/auth/listRegisteredRoutes.js';
import {
  ROUTE_POLICIES,
  type RoutePolicy,
} from '../../server/auth/routePolicies.js';
import {
  documents,
  USER_ROLES,
  type UserRole,
} from '../../server/db/schema.js';
import { createTestOrder } from '../support/fixtures.js';
import {
  ROUTE_SAMPLES,
  type HomeRecords,
  type RouteSample,
} from './routeSamples.js';
import {
  startSecurityPlatform,
  type Caller,
  type SecurityPlatform,
} from './securityPlatform.js';

const routeKey = (route: { method: string; path: string }) =>
  `${route.method} ${route.path}`;

let security: SecurityPlatform;
let home: HomeRecords;

async function createHomeRecords(): Promise<HomeRecords> {
  const { db, uploadsDir } = security;
  const tenant = security.home.tenant;
  const order = await createTestOrder(db, tenant);
  const created = await request(security.url)
    .post('/api/orders')
    .set('Authorization', `Bearer ${security.home.callers.staff.token}`)
    .send({
      patientId: tenant.patient.id,
      items: [{ description: 'Frames', quantity: 1, unitPrice: 99 }],
    })
    .expect(201);

  const relativePath = `pdfs/${tenant.company.id}/invoice-${randomUUID()}.pdf`;
  await mkdir(path.dirname(path.join(uploadsDir, relativePath)), {
    recursive: true,
  });
  await writeFile(path.join(uploadsDir, relativePath), '%PDF-1.4 sample');
  const [document] = await db
    .insert(documents)
    .values({
      companyId: tenant.company.id,
      orderId: order.id,
      type: 'invoice',
      path: relativePath,
      sizeBytes: 15,
      sha256: '0'.repeat(64),
      jobId: randomUUID(),
    })
    .returning();

  return {
    companyId: tenant.company.id,
    patientId: tenant.patient.id,
    orderId: order.id,
    documentId: document!.id,
    emailJobId: created.body.jobs.confirmationEmailJobId,
  };
}

function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(
        `${pattern}: no value for :${name}; add a sample in routeSamples.ts`,
      );
    }
    return encodeURIComponent(value);
  });
}

async function callRoute(
  policy: RoutePolicy,
  caller: Caller | undefined,
  owner: Caller,
) {
  const sample: RouteSample = ROUTE_SAMPLES[routeKey(policy)] ?? {};
  const context = { db: security.db, home, owner };
  const params = (await sample.params?.(context)) ?? {};
  const target = fillPath(policy.path, params);
  const method = policy.method === 'USE' ? 'get' : policy.method.toLowerCase();
  const url = policy.method === 'USE' ? `${target}/` : target;

  let call = (
    request(security.url) as unknown as Record<
      string,
      (url: string) => request.Test
    >
  )[method]!(url);
  if (caller) call = call.set('Authorization', `Bearer ${caller.token}`);
  if (policy.method !== 'GET' && policy.method !== 'USE') {
    call = call.send((sample.body?.(context) as object) ?? {});
  }
  if (sample.stream) {
    // An event stream never ends: its status line is the answer.
    const status = await new Promise<number>((resolve, reject) => {
      call
        .buffer(false)
        .parse((response, callback) => {
          const incoming = response as unknown as {
            statusCode: number;
            destroy(): void;
          };
          resolve(incoming.statusCode);
          incoming.destroy();
          callback(null, null);
        })
        .end((error) => {
          if (error && !/aborted|socket hang up/i.test(String(error))) {
            reject(error);
          }
        });
    });
    return { status, body: undefined };
  }
  const response = await call;
  return { status: response.status, body: response.body as unknown };
}

function isAllowedRole(policy: RoutePolicy, role: UserRole): boolean {
  return Array.isArray(policy.allow) && policy.allow.includes(role);
}

/** Allowed: past authentication, authorisation and the company check. */
function expectAllowed(status: number, what: string, policy?: RoutePolicy) {
  const sample = policy ? ROUTE_SAMPLES[routeKey(policy)] : undefined;
  if (sample?.allowedStatus) {
    expect(status, what).toBe(sample.allowedStatus);
    return;
  }
  expect([401, 403, 404], what).not.toContain(status);
  expect(status, what).toBeLessThan(500);
}

beforeAll(async () => {
  security = await startSecurityPlatform({ RATE_LIMIT_AUTH_PER_MINUTE: '0' });
  home = await createHomeRecords();
});

afterAll(async () => {
  await security?.close();
});

describe('the route table', () => {
  it('has an entry for every route the app registers, and no other', () => {
    const app = security.platform.app;
    if (!app) throw new Error('the platform started without its HTTP app');
    const registered = listRegisteredRoutes(app).map(routeKey);
    const table = ROUTE_POLICIES.map(routeKey);

    expect(registered.length).toBeGreaterThan(0);
    expect(
      registered.filter((key) => !table.includes(key)),
      'routes without an entry in server/auth/routePolicies.ts',
    ).toEqual([]);
    expect(
      table.filter((key) => !registered.includes(key)),
      'entries for routes the app does not register',
    ).toEqual([]);
    expect(new Set(table).size, 'duplicate entries').toBe(table.length);
  });
});

describe.each(ROUTE_POLICIES.map((policy) => [routeKey(policy), policy]))(
  '%s',
  (_key, policy) => {
    // Without METRICS_TOKEN (as here) the metrics route is open.
    const isPublic =
      policy.allow === 'public' || policy.allow === 'metrics-token';
    const isSession = policy.allow === 'session';

    it(`answers ${isPublic ? 'an anonymous caller' : '401 without credentials'}`, async () => {
      const owner = security.home.callers.staff;
      const { status } = await callRoute(policy, undefined, owner);

      if (isPublic) expectAllowed(status, 'anonymous', policy);
      else if (isSession) expect([401, 302, 303]).toContain(status);
      else expect(status).toBe(401);
    });

    it.each(USER_ROLES)('answers a %s of the owning company', async (role) => {
      const caller = security.home.callers[role];
      const { status } = await callRoute(policy, caller, caller);

      if (isSession) expect([401, 403, 302, 303]).toContain(status);
      else if (isPublic || isAllowedRole(policy, role)) {
        expectAllowed(status, `${role} of the owning company`, policy);
      } else expect(status).toBe(403);
    });

    it.each(USER_ROLES)('answers a %s of another company', async (role) => {
      const caller = security.other.callers[role];
      const owner = security.home.callers.staff;
      const sample = ROUTE_SAMPLES[routeKey(policy)] ?? {};
      const { status } = await callRoute(policy, caller, owner);

      const namesRecord =
        sample.namesRecord ?? (policy.path.includes(':') || !!sample.body);
      if (isSession) expect([401, 403, 302, 303]).toContain(status);
      else if (!isPublic && !isAllowedRole(policy, role)) {
        expect(status).toBe(403);
      } else if (policy.scope !== 'none' && namesRecord) {
        expect(status).toBe(sample.foreignStatus ?? 404);
      } else expectAllowed(status, `${role} of another company`, policy);
    });
  },
);
