import type { EmailJobData } from '../../../shared/jobs/emailJobs.js';
import { NotFoundError } from '../../errors/notFoundError.js';
import { renderGenericEmail } from '../templates/renderGenericEmail.js';
import type { ComposeContext, ComposedEmail } from './composedEmail.js';

/** A message stored in `outgoing_emails` by `queueGenericEmail`. */
export async function composeGenericEmail(
  data: EmailJobData<'generic'>,
  { repository }: ComposeContext,
): Promise<ComposedEmail> {
  const stored = await repository.findOutgoingEmail(data.emailId);
  if (!stored) {
    throw new NotFoundError('Outgoing email', { emailId: data.emailId });
  }
  return {
    to: [stored.to],
    companyId: null,
    content: renderGenericEmail(stored),
  };
}
