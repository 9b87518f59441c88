import { USER_ROLES, type UserRole } from '../db/schema.js';

/*
 * Who may call each route: the one place to read it, checked by
 * test/security/routeTable.int.test.ts, which fails for any route the app
 * registers without an entry here and calls every entry with tokens of each
 * role and of another company.
 *
 * Adding a route: add one entry with the method and the full path exactly
 * as Express registers it (mount path + route path, e.g.
 * '/api/orders/:id/ship'). `allow` is 'public' (no credentials), 'session'
 * (the /admin dashboard's cookie) or the roles whose bearer token may call
 * it, or 'metrics-token' (the METRICS_TOKEN bearer when configured, else
 * open). `scope` says whose data it reaches: 'company' (another company's id
 * answers 404), 'owner' (only the caller's own records), or 'none'. When
 * the route needs a particular body or record to be exercised, add a sample
 * in test/security/routeSamples.ts; otherwise ids of the caller's company
 * fixtures and an empty body are used.
 */

/** `USE` is a whole mounted sub-application (e.g. the queue dashboard). */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'USE';

/** Who may call a route. */
export type RouteAccess =
  'public' | 'session' | 'metrics-token' | readonly UserRole[];

/** Whose data a route reaches. */
export type RouteScope = 'company' | 'owner' | 'none';

/** One row of the table. */
export interface RoutePolicy {
  method: RouteMethod;
  path: string;
  allow: RouteAccess;
  scope: RouteScope;
}

/** Every role with a bearer token. */
export const ANY_USER: readonly UserRole[] = USER_ROLES;
const PLATFORM_ADMIN: readonly UserRole[] = ['platform_admin'];
const ADMINS: readonly UserRole[] = ['platform_admin', 'company_admin'];

function route(
  method: RouteMethod,
  path: string,
  allow: RouteAccess,
  scope: RouteScope,
): RoutePolicy {
  return { method, path, allow, scope };
}

/** Every route of the app and who may call it. */
export const ROUTE_POLICIES: readonly RoutePolicy[] = [
  route('GET', '/api/health', 'public', 'none'),
  route('GET', '/metrics', 'metrics-token', 'none'),

  route('POST', '/api/orders', ANY_USER, 'company'),
  route('GET', '/api/orders/:id', ANY_USER, 'company'),
  route('POST', '/api/orders/:id/ship', ANY_USER, 'company'),
  route('POST', '/api/orders/:id/:kind', ANY_USER, 'company'),
  route('POST', '/api/orders/:id/oma', ANY_USER, 'company'),
  route('GET', '/api/orders/:id/oma', ANY_USER, 'company'),
  route('GET', '/api/jobs/:queue/:id', ANY_USER, 'company'),
  route('GET', '/api/documents/:id', ANY_USER, 'company'),

  route('POST', '/api/patients/:id/examinations', ANY_USER, 'company'),
  route('GET', '/api/patients/:id/examinations', ANY_USER, 'company'),
  route('GET', '/api/insights/briefings/:date', ANY_USER, 'company'),
  route('GET', '/api/insights/forecasts', ANY_USER, 'company'),

  route('GET', '/api/notifications', ANY_USER, 'owner'),
  route('GET', '/api/notifications/stream', ANY_USER, 'owner'),
  route('POST', '/api/notifications/:id/read', ANY_USER, 'owner'),

  route('POST', '/api/marketplace/connections', ANY_USER, 'company'),
  route('GET', '/api/marketplace/connections', ANY_USER, 'company'),
  route('GET', '/api/marketplace/connections/:id', ANY_USER, 'company'),
  route('POST', '/api/marketplace/connections/:id/accept', ANY_USER, 'company'),
  route(
    'POST',
    '/api/marketplace/connections/:id/decline',
    ANY_USER,
    'company',
  ),

  route('GET', '/api/auth/tokens', ANY_USER, 'owner'),
  route('POST', '/api/auth/tokens', ANY_USER, 'owner'),
  route('DELETE', '/api/auth/tokens/:id', ANY_USER, 'owner'),

  // A company admin searches its own company's jobs; the rest of the admin
  // API acts on whole queues, for platform operators only.
  route('GET', '/api/admin/jobs', ADMINS, 'company'),
  route('GET', '/api/admin/queue-stats', PLATFORM_ADMIN, 'none'),
  route('GET', '/api/admin/health', PLATFORM_ADMIN, 'none'),
  route('GET', '/api/admin/schedules', PLATFORM_ADMIN, 'none'),
  route(
    'POST',
    '/api/admin/queues/:queue/jobs/:id/retry',
    PLATFORM_ADMIN,
    'none',
  ),
  route(
    'POST',
    '/api/admin/queues/:queue/retry-failed',
    PLATFORM_ADMIN,
    'none',
  ),
  route('POST', '/api/admin/queues/:queue/clean', PLATFORM_ADMIN, 'none'),
  route('POST', '/api/admin/queues/:queue/pause', PLATFORM_ADMIN, 'none'),
  route('POST', '/api/admin/queues/:queue/resume', PLATFORM_ADMIN, 'none'),

  // The operators' pages: a sign-in form, then a platform admin's session.
  route('GET', '/admin/login', 'public', 'none'),
  route('POST', '/admin/login', 'public', 'none'),
  route('POST', '/admin/logout', 'public', 'none'),
  route('GET', '/admin', 'session', 'none'),
  route('GET', '/admin/health', 'session', 'none'),
  route('GET', '/admin/jobs', 'session', 'none'),
  route('USE', '/admin/queues', 'session', 'none'),
];

/** The table's entry for a registered route, if there is one. */
export function findRoutePolicy(
  method: string,
  path: string,
): RoutePolicy | undefined {
  return ROUTE_POLICIES.find(
    (policy) => policy.method === method && policy.path === path,
  );
}
