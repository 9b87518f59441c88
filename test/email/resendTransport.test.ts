import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors/appError.js';
import { RetryLaterError } from '../../server/errors/retryLaterError.js';
import type { OutgoingMessage } from '../../server/email/emailTransport.js';
import { createResendTransport } from '../../server/email/transports/resendTransport.js';
import { startFakeResend, type FakeResend } from '../support/fakeResend.js';

const MESSAGE: OutgoingMessage = {
  from: 'IntegratedLens <noreply@example.test>',
  to: ['ada@example.test'],
  subject: 'Order 1001 confirmed',
  html: '<p>Hello</p>',
  text: 'Hello',
};
const KEY = 'order-confirmation:5b0d7c4e-7a53-4a43-9d8e-0d6c3a1f2b11';

describe('createResendTransport', () => {
  let fake: FakeResend;
  let transport: ReturnType<typeof createResendTransport>;

  beforeAll(async () => {
    fake = await startFakeResend();
    // Generous: a busy machine must not turn an answer into a timeout.
    transport = createResendTransport({
      apiKey: 're_test_key',
      baseUrl: fake.baseUrl,
      requestTimeoutMs: 10_000,
    });
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  /** A client that gives up after 300 ms, for the slow answers. */
  function createImpatientTransport() {
    return createResendTransport({
      apiKey: 're_test_key',
      baseUrl: fake.baseUrl,
      requestTimeoutMs: 300,
    });
  }

  async function sendAndCatch(sender = transport): Promise<unknown> {
    return sender.send(MESSAGE, { idempotencyKey: KEY }).then(
      () => expect.unreachable('the send should have failed'),
      (error: unknown) => error,
    );
  }

  it('sends with the idempotency key when Resend accepts', async () => {
    const result = await transport.send(MESSAGE, { idempotencyKey: KEY });

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(result).toEqual({
      transport: 'resend',
      messageId: request?.messageId,
    });
    expect(request?.idempotencyKey).toBe(KEY);
    expect(request?.authorization).toBe('Bearer re_test_key');
    expect(request?.body).toMatchObject({
      from: MESSAGE.from,
      to: MESSAGE.to,
      subject: MESSAGE.subject,
      html: MESSAGE.html,
      text: MESSAGE.text,
    });
  });

  it('delivers once when a retry sends the same key again', async () => {
    const first = await transport.send(MESSAGE, { idempotencyKey: KEY });
    const second = await transport.send(MESSAGE, { idempotencyKey: KEY });

    expect(second.messageId).toBe(first.messageId);
    expect(fake.deliveries()).toHaveLength(1);
    expect(fake.countRequestsByIdempotencyKey().get(KEY)).toBe(2);
  });

  it('fails for good with the reason when Resend answers 422', async () => {
    fake.answerNext({
      kind: 'validation_error',
      message: 'Invalid `to` field.',
    });

    const error = await sendAndCatch();

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'email_rejected',
      retryable: false,
      message: 'Resend rejected the email: Invalid `to` field.',
      details: { statusCode: 422, providerCode: 'validation_error' },
    });
  });

  it('hides addresses in the reason when Resend quotes them', async () => {
    fake.answerNext({
      kind: 'validation_error',
      message: 'You can only send testing emails to (ada@example.test).',
    });

    const error = await sendAndCatch();

    expect(error).toMatchObject({
      message:
        'Resend rejected the email: ' +
        'You can only send testing emails to ([address]).',
    });
  });

  it('asks to retry after Retry-After when Resend answers 429', async () => {
    fake.answerNext({ kind: 'rate_limited', retryAfterSeconds: 7 });

    const error = await sendAndCatch();

    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({ retryAfterMs: 7000, retryable: true });
  });

  it('waits 60 s when a 429 comes without Retry-After', async () => {
    fake.answerNext({ kind: 'rate_limited', retryAfterSeconds: null });

    const error = await sendAndCatch();

    expect(error).toMatchObject({ retryAfterMs: 60_000 });
  });

  it('throws a retryable error when Resend answers 500', async () => {
    fake.answerNext({ kind: 'server_error' });

    const error = await sendAndCatch();

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      retryable: true,
      details: { statusCode: 500 },
    });
    expect(error).not.toBeInstanceOf(RetryLaterError);
  });

  it('throws a retryable error when the connection is cut', async () => {
    fake.answerNext({ kind: 'connection_reset' });

    const error = await sendAndCatch();

    expect(error).toMatchObject({ retryable: true });
  });

  it('gives up and stays retryable when the answer is too slow', async () => {
    fake.answerNext({ kind: 'slow', delayMs: 1500 });

    const error = await sendAndCatch(createImpatientTransport());

    expect(error).toMatchObject({ retryable: true });
    expect(error).not.toMatchObject({ code: 'email_rejected' });
  });

  it('sends once overall when a retry follows a timed-out send', async () => {
    fake.answerNext({ kind: 'slow', delayMs: 700 });
    await sendAndCatch(createImpatientTransport());
    // The retry arrives after the slow send was delivered, as a later
    // attempt of a job would.
    await new Promise((resolve) => setTimeout(resolve, 700));

    await transport.send(MESSAGE, { idempotencyKey: KEY });

    expect(fake.deliveries()).toHaveLength(1);
  });
});
