import type {
  EmailJobData,
  EmailJobName,
} from '../../shared/jobs/emailJobs.js';
import type { Executor } from '../db/client.js';
import type { JobProcessor } from '../workers/jobProcessor.js';
import { composeDailyBriefingEmail } from './compose/composeDailyBriefingEmail.js';
import { composeGenericEmail } from './compose/composeGenericEmail.js';
import { composeMarketplaceConnectionEmail } from './compose/composeMarketplaceConnectionEmail.js';
import { composeOrderConfirmationEmail } from './compose/composeOrderConfirmationEmail.js';
import { composeOrderShipmentEmail } from './compose/composeOrderShipmentEmail.js';
import type { ComposeContext, ComposedEmail } from './compose/composedEmail.js';
import { deliverEmailOnce, type EmailJobResult } from './deliverEmailOnce.js';
import { createEmailRepository } from './emailRepository.js';
import type { EmailTransport } from './emailTransport.js';

/** What the email processors need from the process. */
export interface EmailProcessorDeps {
  db: Executor;
  /** From `createEmailTransport`: Resend, or the development mailbox. */
  transport: EmailTransport;
  /** Sender of every message: `config.email.from`. */
  from: string;
  /** Root of links in messages: `config.publicBaseUrl`. */
  publicBaseUrl: string;
}

/** One processor per email job name. */
export type EmailProcessors = {
  [N in EmailJobName]: JobProcessor<EmailJobData<N>, EmailJobResult>;
};

type Composer<Data> = (
  data: Data,
  context: ComposeContext,
) => Promise<ComposedEmail>;

/**
 * The processors of the emails queue. Each loads what its message needs,
 * renders it and delivers it once; a missing row ends the job at once with
 * a NotFoundError.
 */
export function createEmailProcessors(
  deps: EmailProcessorDeps,
): EmailProcessors {
  const repository = createEmailRepository(deps.db);
  const composeContext = { repository, publicBaseUrl: deps.publicBaseUrl };
  const delivery = { repository, transport: deps.transport, from: deps.from };

  function createProcessor<N extends EmailJobName>(
    jobName: N,
    compose: Composer<EmailJobData<N>>,
  ): JobProcessor<EmailJobData<N>, EmailJobResult> {
    return (data, context) =>
      deliverEmailOnce(delivery, jobName, context, () =>
        compose(data, composeContext),
      );
  }

  return {
    'order-confirmation': createProcessor(
      'order-confirmation',
      composeOrderConfirmationEmail,
    ),
    'order-shipment': createProcessor(
      'order-shipment',
      composeOrderShipmentEmail,
    ),
    'marketplace-connection': createProcessor(
      'marketplace-connection',
      composeMarketplaceConnectionEmail,
    ),
    'daily-briefing': createProcessor(
      'daily-briefing',
      composeDailyBriefingEmail,
    ),
    generic: createProcessor('generic', composeGenericEmail),
  };
}
