import { AppError } from './appError.js';

/** The thing asked for does not exist, or belongs to another company. */
export class NotFoundError extends AppError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super('not_found', `${what} not found`, { httpStatus: 404, details });
  }
}
