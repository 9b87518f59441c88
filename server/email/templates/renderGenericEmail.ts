import type { EmailContent } from './emailContent.js';
import { convertHtmlToText } from './convertHtmlToText.js';
import { sanitizeSubject } from './sanitizeSubject.js';

/** A message composed by server code, as stored in `outgoing_emails`. */
export interface GenericEmailInput {
  subject: string;
  /** Markup written by server code, sent as it is. */
  html: string;
  /** Derived from the markup when absent. */
  text?: string | null;
}

/**
 * Passes a server-composed message through. Its markup is trusted (server
 * code built it, escaping its own values); the subject is still made safe
 * for a header.
 */
export function renderGenericEmail(input: GenericEmailInput): EmailContent {
  return {
    subject: sanitizeSubject(input.subject),
    html: input.html,
    text: input.text ?? convertHtmlToText(input.html),
  };
}
