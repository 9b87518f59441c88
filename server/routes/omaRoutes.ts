import express, {
  Router,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import multer from 'multer';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors/appError.js';
import { ValidationError } from '../errors/validationError.js';
import { OMA_MAX_FILE_BYTES } from '../oma/index.js';
import {
  listOrderTracerResults,
  storeOmaUpload,
  type ReceivedOmaFile,
} from '../omaJobs/omaUploadService.js';
import { getOrder } from '../orders/orderService.js';
import {
  OMA_UPLOAD_FIELD,
  omaOrderParams,
} from '../../shared/api/omaRequests.js';
import { parseInput } from './parseInput.js';

const TOO_LARGE_MESSAGE =
  `The tracer file is larger than the limit of ${OMA_MAX_FILE_BYTES} ` +
  'bytes (2 MiB); a tracer file is far smaller, so check that the right ' +
  'file was chosen';
const NO_FILE_MESSAGE =
  'no file: send the tracer file as the request body, or as the form ' +
  `field "${OMA_UPLOAD_FIELD}" of a multipart/form-data body`;

// Every content type but multipart is the file itself: tracers and lab
// systems send .oma files as octet-stream, text/plain or without a type.
const readRawBody = express.raw({
  type: () => true,
  limit: OMA_MAX_FILE_BYTES,
});
const readMultipartBody = multer({
  storage: multer.memoryStorage(),
  // Small bounds on the parts besides the file keep a form body near the
  // file's own limit.
  limits: {
    fileSize: OMA_MAX_FILE_BYTES,
    files: 1,
    fields: 10,
    fieldSize: 1024,
    parts: 11,
  },
}).single(OMA_UPLOAD_FIELD);

/**
 * `POST /api/orders/:id/oma` takes one tracer file and answers 202 with the
 * oma job id; `GET` lists the order's uploads and their results. Mount it
 * before the JSON body parser: the upload reads its own body.
 */
export function createOmaRoutes(db: Database, uploadsDir: string): Router {
  const router = Router({ mergeParams: true });

  router.post('/', async (req, res) => {
    const { id } = parseInput(omaOrderParams, req.params);
    const user = currentUser(req);
    // Another company's order answers 404 before any byte is stored.
    await getOrder(db, user, id);
    const file = await readOmaUpload(req, res);
    const accepted = await storeOmaUpload({ db, uploadsDir }, user, id, file);
    res.status(202).json(accepted);
  });

  router.get('/', async (req, res) => {
    const { id } = parseInput(omaOrderParams, req.params);
    res.json(await listOrderTracerResults(db, currentUser(req), id));
  });

  return router;
}

/** The uploaded file, from a multipart form or the raw body. */
async function readOmaUpload(
  req: Request,
  res: Response,
): Promise<ReceivedOmaFile> {
  if (req.is('multipart/form-data')) {
    await runBodyReader(readMultipartBody, req, res);
    if (!req.file || req.file.size === 0) throw noFileError();
    return {
      bytes: req.file.buffer,
      originalFileName: req.file.originalname || null,
      contentType: req.file.mimetype || 'application/octet-stream',
    };
  }
  await runBodyReader(readRawBody, req, res);
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw noFileError();
  return {
    bytes: body,
    originalFileName: null,
    contentType: req.get('content-type') ?? 'application/octet-stream',
  };
}

function runBodyReader(
  reader: RequestHandler,
  req: Request,
  res: Response,
): Promise<void> {
  return new Promise((resolve, reject) => {
    void reader(req, res, (error?: unknown) => {
      if (error) reject(toUploadError(error));
      else resolve();
    });
  });
}

interface BodyReaderError extends Error {
  type?: string;
  status?: number;
  code?: string;
}

/** Turns the body readers' errors into answers that say what to fix. */
function toUploadError(thrown: unknown): unknown {
  if (!(thrown instanceof Error)) return thrown;
  const error = thrown as BodyReaderError;
  if (error.type === 'entity.too.large' || error.code === 'LIMIT_FILE_SIZE') {
    return new AppError('payload_too_large', TOO_LARGE_MESSAGE, {
      httpStatus: 413,
      details: { limitBytes: OMA_MAX_FILE_BYTES },
    });
  }
  if (
    error.code === 'LIMIT_UNEXPECTED_FILE' ||
    error.code === 'LIMIT_FILE_COUNT'
  ) {
    return new ValidationError([
      {
        path: OMA_UPLOAD_FIELD,
        message: `send exactly one file, in the form field "${OMA_UPLOAD_FIELD}"`,
      },
    ]);
  }
  if (error instanceof multer.MulterError) {
    return new ValidationError([{ path: 'body', message: error.message }]);
  }
  if (error.type === 'encoding.unsupported') {
    return new AppError('unsupported_media_type', error.message, {
      httpStatus: 415,
    });
  }
  // What remains is a cut-off or malformed body (busboy's parse errors,
  // body-parser's 4xx): the client's to fix, never a server fault.
  if (error.status === undefined || error.status < 500) {
    return new ValidationError(
      [{ path: 'body', message: error.message }],
      `The upload could not be read: ${error.message}`,
    );
  }
  return error;
}

function noFileError(): ValidationError {
  return new ValidationError([{ path: 'body', message: NO_FILE_MESSAGE }]);
}
