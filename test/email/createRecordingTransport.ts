import { randomUUID } from 'node:crypto';
import type {
  EmailTransport,
  OutgoingMessage,
  SendOptions,
} from '../../server/email/emailTransport.js';

/** A transport that keeps what it was given, for processor tests. */
export interface RecordingTransport extends EmailTransport {
  readonly sent: { message: OutgoingMessage; options: SendOptions }[];
  /** The next send throws this instead of recording. */
  failNextWith(error: Error): void;
}

/** Records messages in memory and reports itself as the mailbox. */
export function createRecordingTransport(): RecordingTransport {
  const sent: RecordingTransport['sent'] = [];
  const failures: Error[] = [];
  return {
    name: 'mailbox',
    sent,
    failNextWith: (error) => failures.push(error),
    async send(message, options) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ message, options });
      return { transport: 'mailbox', messageId: randomUUID() };
    },
  };
}
