import { z } from 'zod';
import type { AuthenticatedUser } from '../auth/authenticate.js';
import { ValidationError } from '../errors/validationError.js';
import { QUEUE_NAMES } from '../queue/config.js';
import { entityId } from '../../shared/jobs/ids.js';
import { decodeCursor, type JobSearchFilters } from './searchJobs.js';

const blankToUndefined = (value: unknown) =>
  value === '' || value === null ? undefined : value;

const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess(blankToUndefined, schema.optional());

/** Query string of `GET /api/admin/jobs` and of the search page. */
export const jobSearchQuery = z.object({
  orderId: optional(entityId),
  companyId: optional(entityId),
  queue: optional(
    z.enum(QUEUE_NAMES, {
      message: `expected one of ${QUEUE_NAMES.join(', ')}`,
    }),
  ),
  name: optional(z.string().max(100)),
  state: optional(z.string().regex(/^[a-z-]{1,30}$/, 'expected a job state')),
  from: optional(z.coerce.date()),
  to: optional(z.coerce.date()),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(100).default(50),
  ),
  cursor: optional(z.string().max(200)),
});
export type JobSearchQuery = z.output<typeof jobSearchQuery>;

/**
 * The filters a user may run: a company admin's search is always limited
 * to the own company, whatever companyId was asked for.
 */
export function toJobSearch(query: JobSearchQuery, user: AuthenticatedUser) {
  const { limit, cursor: rawCursor, ...rest } = query;
  const filters: JobSearchFilters = {
    ...rest,
    companyId:
      user.role === 'platform_admin' ? query.companyId : user.companyId,
  };
  const cursor = rawCursor ? decodeCursor(rawCursor) : undefined;
  if (rawCursor && !cursor) {
    throw new ValidationError([
      { path: 'cursor', message: 'expected a cursor from a previous page' },
    ]);
  }
  return { filters, page: { limit, cursor } };
}
