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
      return undefined;
  }
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
        : fromBodyParser(error as BodyParserError);
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
