import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type {
  OmaUploadAccepted,
  OrderTracerResults,
} from '../../shared/api/omaRequests.js';
import type { AuthenticatedUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { getOrder } from '../orders/orderService.js';
import { writeDocumentFile } from '../pdf/writeDocumentFile.js';
import { queueOmaAnalysis } from '../queue/helpers.js';
import { createTracerRepository } from './tracerRepository.js';
import { toTracerResultView } from './toTracerResultView.js';

/** A file as received by the upload route. */
export interface ReceivedOmaFile {
  bytes: Buffer;
  /** The client's name for it: kept for display, never used as a path. */
  originalFileName: string | null;
  contentType: string;
}

export interface OmaUploadDeps {
  db: Database;
  /** `config.uploadsDir`; files go under `<uploadsDir>/oma/<companyId>/`. */
  uploadsDir: string;
}

const MAX_ORIGINAL_NAME_LENGTH = 200;
/**
 * Stores a tracer file for an order of the user's company and queues its
 * analysis. The file is written first, under a name made here, then the
 * upload row and the job commit together; if they fail the file is removed,
 * so a row never points to a missing file.
 */
export async function storeOmaUpload(
  deps: OmaUploadDeps,
  user: AuthenticatedUser,
  orderId: string,
  file: ReceivedOmaFile,
): Promise<OmaUploadAccepted> {
  const order = await getOrder(deps.db, user, orderId);
  const uploadId = randomUUID();
  const stored = await writeDocumentFile(
    {
      uploadsDir: deps.uploadsDir,
      folder: `oma/${order.companyId}`,
      fileName: `${uploadId}.oma`,
    },
    file.bytes,
  );

  try {
    const jobId = await deps.db.transaction(async (tx) => {
      const repository = createTracerRepository(tx);
      await repository.insertUpload({
        id: uploadId,
        companyId: order.companyId,
        orderId: order.id,
        uploadedByUserId: user.id,
        path: stored.relativePath,
        originalFileName: cleanFileName(file.originalFileName),
        contentType: file.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      });
      const id = await queueOmaAnalysis(order.id, uploadId, user.id, { tx });
      await repository.setUploadJob(uploadId, id);
      return id;
    });
    return { jobId, uploadId, queue: 'oma' };
  } catch (error) {
    await rm(path.join(deps.uploadsDir, stored.relativePath), { force: true });
    throw error;
  }
}

/** The uploads of an order of the user's company and their results. */
export async function listOrderTracerResults(
  db: Database,
  user: AuthenticatedUser,
  orderId: string,
): Promise<OrderTracerResults> {
  const order = await getOrder(db, user, orderId);
  const { rows, eyes } = await createTracerRepository(db).listOrderResults(
    order.id,
  );
  return {
    orderId: order.id,
    uploads: rows.map((row) =>
      toTracerResultView(row.upload, row.result, eyes),
    ),
  };
}

/** Drops control characters, which would reach logs and screens. */
function cleanFileName(name: string | null): string | null {
  const printable = [...(name ?? '')].filter((character) => {
    const code = character.charCodeAt(0);
    return code >= 0x20 && code !== 0x7f;
  });
  const cleaned = printable.join('').trim().slice(0, MAX_ORIGINAL_NAME_LENGTH);
  return cleaned === '' ? null : cleaned;
}
