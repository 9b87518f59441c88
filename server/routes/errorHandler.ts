import type { NextFunction, Request, Response } from 'express';
import { AppError, toError } from '../errors/appError.js';
import type { Logger } from '../logger.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Errors raised by express.json() before any route ran. */
function fromBodyParser(error: BodyParserError): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(
        'validation_failed',
        `Malformed JSON: ${error.message}`,
        {
          httpStatus: 400,
        },
      );
    case 'entity.too.large':
      return new AppError(
        'payload_too_large',
        `The body is larger than the limit of ${error.limit} bytes`,
        { httpStatus: 413 },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', error.message, {
        httpStatus: 415,
      });
    default:
      // Any other refusal of the body reader (a broken gzip stream, a
      // client that hung up mid-body) is the client's, with its own status.
      if (error.status && error.status >= 400 && error.status < 500) {
        return new AppError('validation_failed', error.message, {
          httpStatus: error.status,
        });
      }
      return undefined;
  }
}

/**
 * PostgreSQL's class 22 (data exception): a value it cannot store, such as
 * a NUL character, a lone surrogate or a date out of its range. Zod lets a
 * few of these through; the answer is the client's 400, not a crash.
 */
function fromDatabase(error: Error): AppError | undefined {
  const cause = (error.cause ?? error) as { code?: unknown; message?: string };
  if (typeof cause.code !== 'string' || !cause.code.startsWith('22')) {
    return undefined;
  }
  return new AppError(
    'validation_failed',
    `A value cannot be stored: ${cause.message ?? 'invalid data'}`,
    { httpStatus: 400 },
  );
}

/** One shape for every error answer: `{ error: { code, message, details } }`. */
export function createErrorHandler(logger: Logger) {
  return (
    thrown: unknown,
    req: Request,
    res: Response,
    _next: NextFunction,
  ) => {
    const error = toError(thrown);
    const known =
      error instanceof AppError
        ? error
        : (fromBodyParser(error as BodyParserError) ?? fromDatabase(error));
    if (!known) {
      logger.error({ err: error, requestId: req.id }, 'request.failed');
      res.status(500).json({
        error: {
          code: 'internal',
          message: 'Something went wrong on our side',
        },
      });
      return;
    }
    if (known.httpStatus >= 500) {
      logger.error({ err: known, requestId: req.id }, 'request.failed');
    }
    res.status(known.httpStatus).json({
      error: {
        code: known.code,
        message: known.message,
        details: known.details,
      },
    });
  };
}
