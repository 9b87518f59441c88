import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import type {
  EmailTransport,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../emailTransport.js';
import { formatEmlMessage } from '../mime/formatEmlMessage.js';
import { readAddressDomain } from '../mime/formatAddress.js';

/** Where the development mailbox writes, and what it logs to. */
export interface MailboxTransportOptions {
  /** Folder of the .eml files, created when missing. */
  directory: string;
  logger: Logger;
  /** Clock for the Date header; tests fix it. */
  now?: () => Date;
}

/**
 * The development mailbox: each message becomes an .eml file instead of
 * leaving the machine. Used whenever no Resend API key is configured.
 */
export function createMailboxTransport(
  options: MailboxTransportOptions,
): EmailTransport {
  const now = options.now ?? (() => new Date());

  async function send(
    message: OutgoingMessage,
    { idempotencyKey }: SendOptions,
  ): Promise<SendResult> {
    // Named from a digest of the key, never from input: a retried job
    // rewrites its own file instead of adding a second one.
    const digest = createHash('sha256')
      .update(idempotencyKey)
      .digest('hex')
      .slice(0, 32);
    const messageId = `${digest}@${readAddressDomain(message.from)}`;
    const fileName = `${digest}.eml`;
    const eml = formatEmlMessage({
      ...message,
      messageId,
      date: now(),
      boundary: `=_${randomBytes(12).toString('hex')}`,
    });

    await writeFileAtomically(options.directory, fileName, eml);
    options.logger.info({ messageId, fileName }, 'email.captured');
    return { transport: 'mailbox', messageId };
  }

  return { name: 'mailbox', send };
}

// A reader of the folder never sees half a message: the file appears whole,
// by a rename within the same folder.
async function writeFileAtomically(
  directory: string,
  fileName: string,
  contents: string,
): Promise<void> {
  await mkdir(directory, { recursive: true });
  const temporary = path.join(
    directory,
    `.${fileName}.${randomBytes(6).toString('hex')}.tmp`,
  );
  await writeFile(temporary, contents, 'utf8');
  await rename(temporary, path.join(directory, fileName));
}
