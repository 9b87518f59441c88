import { AppError } from '../errors/appError.js';
import type { OutgoingMessage } from './emailTransport.js';

// Any control character, CR and LF first among them, plus the Unicode line
// separators: a value holding one could end its header line and start
// another (a Bcc, a second body), whatever the provider does with it.
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// One mailbox per recipient entry: a comma or semicolon inside a stored
// address would turn one recipient into several.
const SINGLE_MAILBOX = /^(?:[^<>,;]*<)?[^\s<>,;@]+@[^\s<>,;@]+>?$/;

function refuse(field: string): AppError {
  // The value itself stays out of the message: it may be an address.
  return new AppError(
    'email_rejected',
    `The message was not sent: its ${field} header holds a line break, a ` +
      'control character or more than one address. Fix the stored value.',
    { httpStatus: 422, retryable: false, details: { field } },
  );
}

/**
 * Last check before a transport sees a message: templates already flatten
 * subjects and schemas refuse line breaks, but addresses come from stored
 * rows and the sender from configuration, so every header value is checked
 * here, once, for every job name.
 */
export function assertHeaderSafeMessage(message: OutgoingMessage): void {
  if (CONTROL.test(message.from) || !SINGLE_MAILBOX.test(message.from)) {
    throw refuse('From');
  }
  if (message.to.length === 0) throw refuse('To');
  for (const address of message.to) {
    if (CONTROL.test(address) || !SINGLE_MAILBOX.test(address)) {
      throw refuse('To');
    }
  }
  if (CONTROL.test(message.subject)) throw refuse('Subject');
}
