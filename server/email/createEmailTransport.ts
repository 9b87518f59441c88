import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { EmailTransport } from './emailTransport.js';
import { createMailboxTransport } from './transports/mailboxTransport.js';
import { createResendTransport } from './transports/resendTransport.js';

/** The folder of the development mailbox, below the uploads folder. */
export const MAILBOX_FOLDER = 'emails';

/**
 * Resend when an API key is configured, else the development mailbox under
 * `<uploadsDir>/emails/`.
 */
export function createEmailTransport(
  config: Pick<Config, 'email' | 'uploadsDir'>,
  logger: Logger,
): EmailTransport {
  const { resendApiKey, resendBaseUrl } = config.email;
  if (resendApiKey) {
    return createResendTransport({
      apiKey: resendApiKey,
      baseUrl: resendBaseUrl,
    });
  }
  return createMailboxTransport({
    directory: path.resolve(config.uploadsDir, MAILBOX_FOLDER),
    logger,
  });
}
