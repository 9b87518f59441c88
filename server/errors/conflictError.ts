import { AppError } from './appError.js';

/** The request clashes with the current state of the resource. */
export class ConflictError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, { httpStatus: 409, details });
  }
}
