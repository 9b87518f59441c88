import { Resend } from 'resend';
import type {
  EmailTransport,
  OutgoingMessage,
  SendOptions,
  SendResult,
} from '../emailTransport.js';
import { mapResendError } from './mapResendError.js';

const SECOND = 1000;

/** Resend's public API, used when no base URL is configured. */
export const RESEND_API_URL = 'https://api.resend.com';

/** How the Resend transport connects. */
export interface ResendTransportOptions {
  apiKey: string;
  /** API root; tests point it at a fake server. Default: Resend's API. */
  baseUrl?: string;
  /** Abort a request after this long; default 10 s. Retried with backoff. */
  requestTimeoutMs?: number;
}

/** Sends through the Resend SDK; a job's retries share one idempotency key. */
export function createResendTransport(
  options: ResendTransportOptions,
): EmailTransport {
  // The SDK reads RESEND_BASE_URL from the environment when no base URL is
  // given; passing one always keeps the choice in server/config.ts.
  const client = new Resend(options.apiKey, {
    baseUrl: (options.baseUrl ?? RESEND_API_URL).replace(/\/+$/, ''),
  });
  const requestTimeoutMs = options.requestTimeoutMs ?? 10 * SECOND;

  async function send(
    message: OutgoingMessage,
    { idempotencyKey }: SendOptions,
  ): Promise<SendResult> {
    const answer = await client.emails.send(
      {
        from: message.from,
        to: [...message.to],
        subject: message.subject,
        html: message.html,
        text: message.text,
      },
      { idempotencyKey, signal: AbortSignal.timeout(requestTimeoutMs) },
    );
    if (answer.error) throw mapResendError(answer.error, answer.headers);
    return { transport: 'resend', messageId: answer.data.id };
  }

  return { name: 'resend', send };
}
