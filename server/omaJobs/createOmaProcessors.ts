import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { entityId } from '../../shared/jobs/ids.js';
import type { OmaJobData, OmaJobName } from '../../shared/jobs/omaJobs.js';
import type { Database, Executor } from '../db/client.js';
import { AppError } from '../errors/appError.js';
import { NotFoundError } from '../errors/notFoundError.js';
import {
  analyseOmaFile,
  assertOmaShapeReadable,
  OmaFormatError,
  renderOmaPreviewSvg,
  type OmaAnalysis,
} from '../oma/index.js';
import { writeDocumentFile } from '../pdf/writeDocumentFile.js';
import { queueNotification } from '../queue/helpers.js';
import type { JobContext, JobProcessor } from '../workers/jobProcessor.js';
import {
  createInvalidTracerResultValues,
  createTracerResultValues,
  type TracerFailure,
  type TracerResultKeys,
} from './createTracerResultValues.js';
import {
  createTracerRepository,
  type OmaUploadRow,
} from './tracerRepository.js';

/**
 * Tells the uploader how the job ended, in the transaction that records
 * it. Each returns the notification job id.
 */
export interface UploaderNotifier {
  previewStored(
    userId: string,
    documentId: string,
    tx: Executor,
  ): Promise<string>;
  fileRefused(userId: string, jobId: string, tx: Executor): Promise<string>;
}

/** What the oma processors need from the process. */
export interface OmaProcessorDeps {
  db: Database;
  /** `config.uploadsDir`: uploads and previews live under `oma/`. */
  uploadsDir: string;
  /** Default: in-app notifications through `queueNotification`. */
  notifier?: UploaderNotifier;
}

// The platform's document and failed-job notifications link to the
// preview and to the job (whose reason names the line); a kind of its own
// for tracer results could also say whether the file disagreed with itself.
const queueNotifier: UploaderNotifier = {
  previewStored: (userId, documentId, tx) =>
    queueNotification('pdf-ready', { userId, documentId }, { tx }),
  fileRefused: (userId, jobId, tx) =>
    queueNotification(
      'job-failed',
      { userId, queue: 'oma', jobName: 'analyse-tracer-file', jobId },
      { tx },
    ),
};

/** What an oma job returns; the results themselves are on the order. */
export interface OmaJobResult {
  resultId: string;
  status: 'complete' | 'partial';
  previewDocumentId: string;
  warningCount: number;
}

/** One processor per oma job name. */
export type OmaProcessors = {
  [N in OmaJobName]: JobProcessor<OmaJobData<N>, OmaJobResult>;
};

const MISSING_FILE_REASON =
  'the stored file is missing from the uploads folder; upload the file again';

/**
 * The processors of the oma queue. The job loads its upload, reads and
 * checks the file, then stores the preview document and the results on the
 * order in one transaction, with a notification to the user who uploaded
 * it. A file that cannot be read is recorded as `invalid` with its reason
 * and ends the job without retries.
 */
export function createOmaProcessors(deps: OmaProcessorDeps): OmaProcessors {
  const repository = createTracerRepository(deps.db);
  const notifier = deps.notifier ?? queueNotifier;

  async function recordFailure(
    keys: TracerResultKeys,
    uploaderId: string,
    failure: TracerFailure,
  ): Promise<void> {
    const values = createInvalidTracerResultValues(keys, failure);
    await deps.db.transaction(async (tx) => {
      await createTracerRepository(tx).saveResult(values, []);
      await notifier.fileRefused(uploaderId, keys.jobId, tx);
    });
  }

  async function readUploadedFile(
    upload: OmaUploadRow,
    keys: TracerResultKeys,
    uploaderId: string,
  ) {
    try {
      return await readFile(path.join(deps.uploadsDir, upload.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await recordFailure(keys, uploaderId, {
        message: MISSING_FILE_REASON,
        line: null,
        record: null,
      });
      throw new NotFoundError('Tracer file', { uploadId: upload.id });
    }
  }

  async function analyse(
    bytes: Buffer,
    keys: TracerResultKeys,
    uploaderId: string,
  ) {
    try {
      const analysis = analyseOmaFile(bytes);
      assertOmaShapeReadable(analysis);
      return analysis;
    } catch (error) {
      // Recorded on the order so that GET /api/orders/:id/oma shows the
      // reason; the thrown error then ends the job without retries.
      if (error instanceof OmaFormatError) {
        await recordFailure(keys, uploaderId, error);
      }
      throw error;
    }
  }

  async function storeResults(
    keys: TracerResultKeys,
    people: { patientId: string; uploaderId: string },
    analysis: OmaAnalysis,
  ) {
    const svg = Buffer.from(renderOmaPreviewSvg(analysis), 'utf8');
    const file = await writeDocumentFile(
      {
        uploadsDir: deps.uploadsDir,
        folder: `oma/${keys.companyId}`,
        fileName: `${keys.uploadId}-preview.svg`,
      },
      svg,
    );
    return deps.db.transaction(async (tx) => {
      const writer = createTracerRepository(tx);
      const documentId = await writer.savePreviewDocument({
        jobId: keys.jobId,
        companyId: keys.companyId,
        orderId: keys.orderId,
        patientId: people.patientId,
        path: file.relativePath,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
      });
      const { result, eyes } = createTracerResultValues(
        keys,
        analysis,
        documentId,
      );
      const resultId = await writer.saveResult(result, eyes);
      await notifier.previewStored(people.uploaderId, documentId, tx);
      return { resultId, documentId, status: result.status };
    });
  }

  const processAnalyseTracerFile: OmaProcessors['analyse-tracer-file'] = async (
    data,
    context: JobContext,
  ) => {
    assertUuidJobId(context.jobId);
    const found = await repository.findUpload(data.uploadId, data.orderId);
    if (!found) {
      throw new NotFoundError('Tracer upload', {
        uploadId: data.uploadId,
        orderId: data.orderId,
      });
    }
    const { upload, patientId } = found;
    const keys: TracerResultKeys = {
      companyId: upload.companyId,
      orderId: upload.orderId,
      uploadId: upload.id,
      jobId: context.jobId,
    };

    const uploaderId = data.requestedByUserId;
    const bytes = await readUploadedFile(upload, keys, uploaderId);
    const analysis = await analyse(bytes, keys, uploaderId);
    await context.reportProgress({ stage: 'analysed' });

    const stored = await storeResults(
      keys,
      { patientId, uploaderId },
      analysis,
    );
    await context.reportProgress({ stage: 'stored' });
    return {
      resultId: stored.resultId,
      status: stored.status === 'partial' ? 'partial' : 'complete',
      previewDocumentId: stored.documentId,
      warningCount: analysis.warnings.length,
    };
  };

  return { 'analyse-tracer-file': processAnalyseTracerFile };
}

/**
 * The job id keys the preview's `documents` row (a UUID column). Jobs added
 * through the outbox always have one; anything else is a wiring mistake
 * that no retry can fix.
 */
function assertUuidJobId(jobId: string): void {
  if (entityId.safeParse(jobId).success) return;
  throw new AppError(
    'internal',
    'OMA jobs need a UUID job id (the job outbox row id) to key their ' +
      'preview document; add them with queueOmaAnalysis.',
    { httpStatus: 500, retryable: false, details: { jobId } },
  );
}
