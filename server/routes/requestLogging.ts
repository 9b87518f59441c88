import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { runWithRequestContext } from '../requestContext.js';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it looks sane),
 * makes it visible to the jobs the request adds, and logs one line when the
 * answer is sent: method, route, status and duration, never bodies.
 */
export function requestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId =
      incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.id = requestId;
    res.setHeader('X-Request-Id', requestId);
    const startedAt = process.hrtime.bigint();

    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      logger.info(
        {
          requestId,
          method: req.method,
          // The mount point plus the matched pattern: ids stay out of the logs.
          route: req.route
            ? `${req.baseUrl}${req.route.path === '/' ? '' : req.route.path}`
            : req.baseUrl || 'unmatched',
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          userId: req.user?.id,
        },
        'request.completed',
      );
    });
    runWithRequestContext({ requestId }, next);
  };
}
