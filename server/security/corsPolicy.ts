import type { RequestHandler } from 'express';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin access for the configured origins only. With none configured
 * (the default) no CORS header is ever sent, so browsers keep other sites
 * from reading the API's answers. Credentials are a bearer token the caller
 * adds itself, never a cookie, so Allow-Credentials is not sent.
 */
export function createCorsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);

  return (req, res, next) => {
    const origin = req.get('origin');
    if (allowed.size === 0 || !origin) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) return next();

    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    const isPreflight =
      req.method === 'OPTIONS' && req.get('access-control-request-method');
    if (!isPreflight) return next();

    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}
