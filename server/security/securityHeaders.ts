import type { RequestHandler } from 'express';
import helmet from 'helmet';
import {
  API_CONTENT_SECURITY_POLICY,
  PATH_CONTENT_SECURITY_POLICIES,
  type PathContentSecurityPolicy,
} from './contentSecurityPolicies.js';

function matchesPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function createHelmet(directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
  }) as RequestHandler;
}

/**
 * Helmet's headers on every answer (HSTS, nosniff, frame and referrer
 * policies, no cross-origin embedding), with the Content-Security-Policy of
 * the request's path: the strict API policy unless a page area configured
 * its own in `PATH_CONTENT_SECURITY_POLICIES`.
 */
export function createSecurityHeaders(
  policies: PathContentSecurityPolicy[] = PATH_CONTENT_SECURITY_POLICIES,
): RequestHandler {
  const byPath = policies.map((policy) => ({
    pathPrefix: policy.pathPrefix,
    handler: createHelmet(policy.directives),
  }));
  const apiHeaders = createHelmet(API_CONTENT_SECURITY_POLICY);

  return (req, res, next) => {
    const match = byPath.find((entry) =>
      matchesPrefix(req.path, entry.pathPrefix),
    );
    (match?.handler ?? apiHeaders)(req, res, next);
  };
}
