import type { EmailRepository } from '../emailRepository.js';
import type { EmailContent } from '../templates/emailContent.js';

/** A rendered message with its recipients, ready to deliver. */
export interface ComposedEmail {
  to: string[];
  /** The company the message is about, for the email log; null if none. */
  companyId: string | null;
  content: EmailContent;
}

/** What composing needs: the data it loads and where links point. */
export interface ComposeContext {
  repository: EmailRepository;
  publicBaseUrl: string;
}
