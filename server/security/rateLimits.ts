import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { RateLimitedError } from '../errors/rateLimitedError.js';
import type { Logger } from '../logger.js';
import { FailoverRateLimitStore } from './failoverRateLimitStore.js';

const MINUTE = 60_000;
const REDIS_TIMEOUT_MS = 200;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Paths that take or hand out credentials: token management and the
 * dashboard's sign-in. They get the low auth limit for every method.
 */
export const AUTH_PATH_PREFIXES = ['/api/auth', '/admin/login'];

/** What the limiters need from the process. */
export interface RateLimitOptions {
  limits: Config['rateLimits'];
  /** Prefix of the limiters' Redis keys, e.g. the queue prefix. */
  keyPrefix: string;
  /** Connection for the shared counts; unset: each process counts alone. */
  redis?: Redis;
  logger: Logger;
}

type RequestKind = 'auth' | 'write' | 'other';

function classifyRequest(req: Request): RequestKind {
  const isAuth = AUTH_PATH_PREFIXES.some(
    (prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`),
  );
  if (isAuth) return 'auth';
  return WRITE_METHODS.has(req.method) ? 'write' : 'other';
}

/**
 * The bearer token as a short hash: the limiter never holds a usable token,
 * not even in Redis keys. The token is not checked here: a caller inventing
 * tokens still meets the per-address limit.
 */
function tokenKey(req: Request): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
  if (!match?.[1]) return undefined;
  return createHash('sha256').update(match[1]).digest('base64url');
}

function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

interface LimiterSpec {
  name: string;
  kind: RequestKind;
  scope: 'token' | 'address';
  limitPerMinute: number;
}

function createLimiter(
  spec: LimiterSpec,
  options: RateLimitOptions,
): RequestHandler {
  const store = new FailoverRateLimitStore({
    redis: options.redis,
    prefix: `${options.keyPrefix}:rl:${spec.name}:`,
    redisTimeoutMs: REDIS_TIMEOUT_MS,
    logger: options.logger,
  });
  return rateLimit({
    windowMs: MINUTE,
    limit: spec.limitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store,
    skip: (req) =>
      classifyRequest(req) !== spec.kind ||
      (spec.scope === 'token' && !tokenKey(req)),
    keyGenerator: (req) =>
      spec.scope === 'token' ? (tokenKey(req) ?? '') : addressKey(req),
    handler: (_req, res, next) => {
      const retryAfterSeconds = Number(res.getHeader('Retry-After') ?? 60);
      next(
        new RateLimitedError(
          spec.scope,
          spec.limitPerMinute,
          retryAfterSeconds,
        ),
      );
    },
    logger: {
      error: (error) =>
        options.logger.warn({ err: error }, 'rate_limit.misconfigured'),
      warn: (error) =>
        options.logger.warn({ err: error }, 'rate_limit.misconfigured'),
    },
  });
}

/**
 * Limits per token and per address, counted over one minute: the auth
 * routes at `authPerMinute` (both keys), write methods elsewhere at
 * `writesPerMinute` per token and `writesPerAddressPerMinute` per address.
 * Reads are not limited here. A limit of 0 is off. Over the limit the
 * answer is 429 with Retry-After and a message naming the limit.
 */
export function createRateLimits(options: RateLimitOptions): RequestHandler[] {
  const { limits } = options;
  const specs: LimiterSpec[] = [
    {
      name: 'auth-address',
      kind: 'auth',
      scope: 'address',
      limitPerMinute: limits.authPerMinute,
    },
    {
      name: 'auth-token',
      kind: 'auth',
      scope: 'token',
      limitPerMinute: limits.authPerMinute,
    },
    {
      name: 'writes-address',
      kind: 'write',
      scope: 'address',
      limitPerMinute: limits.writesPerAddressPerMinute,
    },
    {
      name: 'writes-token',
      kind: 'write',
      scope: 'token',
      limitPerMinute: limits.writesPerMinute,
    },
  ];
  return specs
    .filter((spec) => spec.limitPerMinute > 0)
    .map((spec) => createLimiter(spec, options));
}
