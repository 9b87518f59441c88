/** Which implementation delivered a message. */
export type EmailTransportName = 'resend' | 'mailbox';

/** One message as a transport receives it. */
export interface OutgoingMessage {
  /** `Name <address>` or a bare address. */
  from: string;
  to: readonly string[];
  /** One line; templates strip CR and LF before it gets here. */
  subject: string;
  html: string;
  text: string;
}

/** How to send one message. */
export interface SendOptions {
  /**
   * Stable for the job across its attempts: the same key never delivers
   * twice (the provider de-duplicates it; the mailbox overwrites its file).
   */
  idempotencyKey: string;
}

/** What a transport reports for a delivered message. */
export interface SendResult {
  transport: EmailTransportName;
  messageId: string;
}

/**
 * Delivers rendered messages. Implementations throw a non-retryable
 * AppError when a retry cannot help, a RetryLaterError when the provider
 * asks us to wait, and any other error for a transient failure.
 */
export interface EmailTransport {
  readonly name: EmailTransportName;
  send(message: OutgoingMessage, options: SendOptions): Promise<SendResult>;
}
