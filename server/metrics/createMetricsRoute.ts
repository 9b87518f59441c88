import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { UnauthenticatedError } from '../errors/unauthenticatedError.js';
import type { PlatformMetrics } from './platformMetrics.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * `GET /metrics` in Prometheus text. With `metricsToken` set, the scraper
 * must send it as a bearer token; digests are compared in constant time.
 */
export function createMetricsRoute(
  metrics: PlatformMetrics,
  metricsToken: string | undefined,
) {
  const expected = metricsToken ? digest(`Bearer ${metricsToken}`) : undefined;
  return async (req: Request, res: Response) => {
    if (expected) {
      const sent = digest(req.get('authorization') ?? '');
      if (!timingSafeEqual(sent, expected)) {
        throw new UnauthenticatedError(
          'Send the metrics token as "Authorization: Bearer <token>"',
        );
      }
    }
    const { contentType, body } = await metrics.render();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  };
}
