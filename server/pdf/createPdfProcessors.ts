import type { PdfJobData, PdfJobName } from '../../shared/jobs/pdfJobs.js';
import { entityId } from '../../shared/jobs/ids.js';
import type { Executor } from '../db/client.js';
import { AppError } from '../errors/appError.js';
import { NotFoundError } from '../errors/notFoundError.js';
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

    return { documentId, path: file.relativePath, sizeBytes: file.sizeBytes };
  }

  function createOrderProcessor(
    type: OrderDocumentType,
    render: (view: OrderDocumentView) => string,
  ): JobProcessor<{ orderId: string }, PdfJobResult> {
    return async ({ orderId }, context) => {
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
    if (data.examinationId !== undefined) {
      // The platform stores no examinations yet (a later issue adds the
      // table), so no id can name one. Failing for good says so plainly; a
      // blank form in its place would look like a record that was lost.
      throw new NotFoundError('Examination', {
        examinationId: data.examinationId,
      });
    }
    const source = await repository.loadPatientSource(data.patientId);
    await context.reportProgress({ stage: 'loaded' });

    const html = renderExaminationFormHtml({ ...source, issuedAt: now() });
    return storeDocument(
      {
        type: 'examination-form',
        html,
        companyId: source.company.id,
        orderId: null,
        patientId: source.patient.id,
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
