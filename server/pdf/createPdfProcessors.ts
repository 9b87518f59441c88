import type { PdfJobData, PdfJobName } from '../../shared/jobs/pdfJobs.js';
import { entityId } from '../../shared/jobs/ids.js';
import type { Executor } from '../db/client.js';
import { AppError } from '../errors/appError.js';
import { queueNotification } from '../queue/helpers.js';
import type { JobContext, JobProcessor } from '../workers/jobProcessor.js';
import { createDocumentFileName } from './documentFileName.js';
import { createDocumentRepository } from './documentRepository.js';
import type { OrderDocumentView } from './documentView.js';
import { renderExaminationFormHtml } from './examinationFormTemplate.js';
import { renderInvoiceHtml } from './invoiceTemplate.js';
import { renderLabWorkTicketHtml } from './labWorkTicketTemplate.js';
import { renderOrderSheetHtml } from './orderSheetTemplate.js';
import type { PdfRenderer } from './pdfRenderer.js';
import { renderReceiptHtml } from './receiptTemplate.js';
import { writeDocumentFile } from './writeDocumentFile.js';

/** What the PDF processors need from the process. */
export interface PdfProcessorDeps {
  db: Executor;
  /** From `createPdfRenderer`; shared by every PDF job of the process. */
  renderer: PdfRenderer;
  /** `config.uploadsDir`; files go under `<uploadsDir>/pdfs/<companyId>/`. */
  uploadsDir: string;
  /** The clock that dates documents; default: the system clock. */
  now?: () => Date;
  /**
   * Tells the user who asked for a document that it is stored; default:
   * a `pdf-ready` notification through the platform's job queue.
   */
  notifyDocumentReady?: (userId: string, documentId: string) => Promise<void>;
}

/** What a PDF job returns; `path` is relative to the uploads folder. */
export interface PdfJobResult {
  documentId: string;
  path: string;
  sizeBytes: number;
}

/** One processor per PDF job name. */
export type PdfProcessors = {
  [N in PdfJobName]: JobProcessor<PdfJobData<N>, PdfJobResult>;
};

type OrderDocumentType = Exclude<PdfJobName, 'examination-form'>;

interface DocumentToStore {
  type: PdfJobName;
  html: string;
  companyId: string;
  orderId: string | null;
  patientId: string;
  orderNumber?: string;
  /** Who asked for it, from the job data. */
  requestedByUserId?: string;
}

async function queuePdfReadyNotification(
  userId: string,
  documentId: string,
): Promise<void> {
  await queueNotification('pdf-ready', { userId, documentId });
}

/**
 * The processors of the pdfs queue. Each loads its rows (a missing one ends
 * the job at once with a NotFoundError), renders the template, stores the
 * file and its `documents` row, and reports the stages `loaded`, `rendered`
 * and `stored` as progress.
 */
export function createPdfProcessors(deps: PdfProcessorDeps): PdfProcessors {
  const repository = createDocumentRepository(deps.db);
  const now = deps.now ?? (() => new Date());
  const notifyDocumentReady =
    deps.notifyDocumentReady ?? queuePdfReadyNotification;

  async function storeDocument(
    document: DocumentToStore,
    context: JobContext,
  ): Promise<PdfJobResult> {
    const bytes = await deps.renderer.renderPdf(document.html);
    await context.reportProgress({ stage: 'rendered' });

    const fileName = createDocumentFileName({
      type: document.type,
      orderNumber: document.orderNumber,
      jobId: context.jobId,
    });
    const file = await writeDocumentFile(
      {
        uploadsDir: deps.uploadsDir,
        folder: `pdfs/${document.companyId}`,
        fileName,
      },
      bytes,
    );
    const documentId = await repository.saveDocument({
      jobId: context.jobId,
      companyId: document.companyId,
      orderId: document.orderId,
      patientId: document.patientId,
      type: document.type,
      path: file.relativePath,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    });
    await context.reportProgress({ stage: 'stored' });
    // After the row exists, so the link works when the user follows it. A
    // failure here retries the job, which rewrites its own file and row.
    if (document.requestedByUserId) {
      await notifyDocumentReady(document.requestedByUserId, documentId);
    }

    return { documentId, path: file.relativePath, sizeBytes: file.sizeBytes };
  }

  function createOrderProcessor(
    type: OrderDocumentType,
    render: (view: OrderDocumentView) => string,
  ): JobProcessor<
    { orderId: string; requestedByUserId?: string },
    PdfJobResult
  > {
    return async ({ orderId, requestedByUserId }, context) => {
      assertUuidJobId(context.jobId);
      const source = await repository.loadOrderSource(orderId);
      await context.reportProgress({ stage: 'loaded' });

      const html = render({ ...source, issuedAt: now() });
      return storeDocument(
        {
          type,
          html,
          companyId: source.company.id,
          orderId: source.order.id,
          patientId: source.patient.id,
          orderNumber: source.order.orderNumber,
          requestedByUserId,
        },
        context,
      );
    };
  }

  const processExaminationForm: PdfProcessors['examination-form'] = async (
    data,
    context,
  ) => {
    assertUuidJobId(context.jobId);
    const source = await repository.loadPatientSource(data.patientId);
    // A named examination that is missing (or of another patient) ends the
    // job: a blank form in its place would look like a lost record.
    const examination = data.examinationId
      ? await repository.loadExamination(data.examinationId, data.patientId)
      : undefined;
    await context.reportProgress({ stage: 'loaded' });

    const html = renderExaminationFormHtml({
      ...source,
      examination,
      issuedAt: now(),
    });
    return storeDocument(
      {
        type: 'examination-form',
        html,
        companyId: source.company.id,
        orderId: null,
        patientId: source.patient.id,
        requestedByUserId: data.requestedByUserId,
      },
      context,
    );
  };

  return {
    'order-sheet': createOrderProcessor('order-sheet', renderOrderSheetHtml),
    'lab-work-ticket': createOrderProcessor(
      'lab-work-ticket',
      renderLabWorkTicketHtml,
    ),
    'examination-form': processExaminationForm,
    invoice: createOrderProcessor('invoice', renderInvoiceHtml),
    receipt: createOrderProcessor('receipt', renderReceiptHtml),
  };
}

/**
 * The job id names the file and keys the `documents` row (a UUID column).
 * Jobs added through the outbox always have one; anything else is a wiring
 * mistake that no retry can fix.
 */
function assertUuidJobId(jobId: string): void {
  if (entityId.safeParse(jobId).success) return;
  throw new AppError(
    'internal',
    'PDF jobs need a UUID job id (the job outbox row id) to name their ' +
      'file and document row; add them through the queue helpers.',
    { httpStatus: 500, retryable: false, details: { jobId } },
  );
}
