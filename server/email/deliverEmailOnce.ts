import type { EmailJobName } from '../../shared/jobs/emailJobs.js';
import { AppError } from '../errors/appError.js';
import { assertHeaderSafeMessage } from './assertHeaderSafeMessage.js';
import type { JobContext } from '../workers/jobProcessor.js';
import type { ComposedEmail } from './compose/composedEmail.js';
import type { EmailLogEntry, EmailRepository } from './emailRepository.js';
import type {
  EmailTransport,
  EmailTransportName,
  SendResult,
} from './emailTransport.js';

/** What an email job returns; kept on the job as its result. */
export interface EmailJobResult {
  transport: EmailTransportName;
  /** The provider's id, or the mailbox's Message-ID; null if unknown. */
  messageId: string | null;
  /** True when an earlier attempt had already delivered the message. */
  skipped: boolean;
}

/** The pieces delivery works with. */
export interface DeliveryDeps {
  repository: EmailRepository;
  transport: EmailTransport;
  /** The sender, `Name <address>`. */
  from: string;
}

/**
 * Sends the job's message at most once. A delivered job is skipped; a
 * retry after a crash between sending and logging reuses the idempotency
 * key, so the provider (or the mailbox) does not deliver it a second time.
 * The job id must be a UUID: it is the email log's key.
 */
export async function deliverEmailOnce(
  deps: DeliveryDeps,
  jobName: EmailJobName,
  context: JobContext,
  compose: () => Promise<ComposedEmail>,
): Promise<EmailJobResult> {
  const delivered = await deps.repository.findDeliveredEmail(context.jobId);
  if (delivered) {
    context.logger.info({ status: delivered.status }, 'email.skipped');
    return {
      transport: delivered.status === 'sent' ? 'resend' : 'mailbox',
      messageId: delivered.providerMessageId,
      skipped: true,
    };
  }

  const email = await compose();
  const entry = {
    jobId: context.jobId,
    companyId: email.companyId,
    type: jobName,
    recipient: email.to.join(', '),
  };

  const message = { from: deps.from, to: email.to, ...email.content };
  let result: SendResult;
  try {
    assertHeaderSafeMessage(message);
    result = await deps.transport.send(message, {
      idempotencyKey: `${jobName}:${context.jobId}`,
    });
  } catch (error) {
    if (error instanceof AppError && !error.retryable) {
      await recordRejection(deps.repository, context, entry, error);
    }
    throw error;
  }

  await deps.repository.recordEmail({
    ...entry,
    providerMessageId: result.messageId,
    status: result.transport === 'resend' ? 'sent' : 'captured',
  });
  return { ...result, skipped: false };
}

// The job fails with the provider's reason either way; a log row that could
// not be written must not hide that reason behind a database error.
async function recordRejection(
  repository: EmailRepository,
  context: JobContext,
  entry: Omit<EmailLogEntry, 'status' | 'providerMessageId'>,
  error: AppError,
): Promise<void> {
  try {
    await repository.recordEmail({
      ...entry,
      providerMessageId: null,
      status: 'failed',
      error: error.message,
    });
  } catch (recordError) {
    // Only the code: a database error may quote the row, which holds the
    // recipient's address.
    context.logger.warn(
      { errorCode: (recordError as { code?: unknown }).code ?? null },
      'email.log_failed',
    );
  }
}
