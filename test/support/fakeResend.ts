import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer the fake gives instead of a normal success, in script order. */
export type FakeResendAnswer =
  /** 500 `internal_server_error`. */
  | { kind: 'server_error' }
  /** 429 `rate_limit_exceeded`; `retryAfterSeconds: null` sends no header. */
  | { kind: 'rate_limited'; retryAfterSeconds?: number | null }
  /** 422 `validation_error` with this message. */
  | { kind: 'validation_error'; message?: string }
  /**
   * Answered as usual, but only after `delayMs`: a client that gave up
   * meanwhile still caused a delivery, as with the real provider.
   */
  | { kind: 'slow'; delayMs: number }
  /** The connection is cut without any answer. */
  | { kind: 'connection_reset' };

/** One POST /emails as the fake saw it. */
export interface RecordedEmailRequest {
  idempotencyKey: string | null;
  authorization: string | null;
  body: Record<string, unknown>;
  /** Status the fake answered; 0 when it cut the connection. */
  status: number;
  /** Id of the message when the request delivered (or replayed) one. */
  messageId: string | null;
  /** False when an earlier request with the same key had delivered. */
  delivered: boolean;
}

/** A running fake of Resend's HTTP API on loopback. */
export interface FakeResend {
  /** Pass as the Resend base URL: `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Every POST /emails, in arrival order. */
  readonly requests: RecordedEmailRequest[];
  /** Queues answers for the next requests; later ones succeed again. */
  answerNext(...answers: FakeResendAnswer[]): void;
  /**
   * Gives `answer` to every request for the next `durationMs`, after any
   * queued by `answerNext`; calls chain, each period starting when the
   * previous one ends.
   */
  answerFor(durationMs: number, answer: FakeResendAnswer): void;
  /** Requests that delivered a message: one per idempotency key. */
  deliveries(): RecordedEmailRequest[];
  /** Requests seen per idempotency key; above 1 means a retry happened. */
  countRequestsByIdempotencyKey(): Map<string, number>;
  /** Forgets requests, script and idempotency keys. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_RETRY_AFTER_SECONDS = 1;
const RATE_LIMIT_MESSAGE =
  'Too many requests. You can only make 2 requests per second.';

/**
 * Starts the fake on 127.0.0.1 with a free port. Like Resend, a repeated
 * idempotency key with the same body replays the first success (no new
 * delivery) and with another body answers 409 `invalid_idempotent_request`.
 */
export async function startFakeResend(): Promise<FakeResend> {
  const requests: RecordedEmailRequest[] = [];
  const script: FakeResendAnswer[] = [];
  const periods: { untilAt: number; answer: FakeResendAnswer }[] = [];
  const sentByKey = new Map<string, { messageId: string; body: string }>();
  // A slow answer still pending at reset() must not touch the new state.
  let generation = 0;

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const rawBody = await readBody(request);
    if (request.method !== 'POST' || request.url !== '/emails') {
      answer(response, 404, errorBody(404, 'not_found', 'Route not found'));
      return;
    }
    const record: RecordedEmailRequest = {
      idempotencyKey: headerOf(request, 'idempotency-key'),
      authorization: headerOf(request, 'authorization'),
      body: parseJson(rawBody),
      status: 0,
      messageId: null,
      delivered: false,
    };
    requests.push(record);

    const scripted = script.shift() ?? currentPeriodAnswer();
    if (scripted?.kind === 'connection_reset') {
      request.socket.destroy();
      return;
    }
    if (scripted?.kind === 'slow') {
      const startedIn = generation;
      await sleep(scripted.delayMs);
      if (startedIn !== generation) {
        response.destroy();
        return;
      }
    }
    const [status, body, headers] =
      scripted && scripted.kind !== 'slow'
        ? answerFromScript(scripted)
        : deliver(record, rawBody);
    record.status = status;
    if (!response.destroyed) answer(response, status, body, headers);
  }

  function currentPeriodAnswer(): FakeResendAnswer | undefined {
    while (periods[0] && periods[0].untilAt <= Date.now()) periods.shift();
    return periods[0]?.answer;
  }

  function deliver(
    record: RecordedEmailRequest,
    rawBody: string,
  ): [number, object, Record<string, string>?] {
    if (!record.authorization) {
      return [401, errorBody(401, 'missing_api_key', 'Missing API key')];
    }
    const key = record.idempotencyKey;
    const earlier = key ? sentByKey.get(key) : undefined;
    if (earlier && earlier.body !== rawBody) {
      const message = 'Same idempotency key used with a different payload';
      return [409, errorBody(409, 'invalid_idempotent_request', message)];
    }
    const messageId = earlier?.messageId ?? randomUUID();
    if (key && !earlier) sentByKey.set(key, { messageId, body: rawBody });
    record.messageId = messageId;
    record.delivered = !earlier;
    return [200, { id: messageId }];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (...answers) => script.push(...answers),
    answerFor(durationMs, answer) {
      const startAt = Math.max(Date.now(), periods.at(-1)?.untilAt ?? 0);
      periods.push({ untilAt: startAt + durationMs, answer });
    },
    deliveries: () => requests.filter((request) => request.delivered),
    countRequestsByIdempotencyKey() {
      const counts = new Map<string, number>();
      for (const { idempotencyKey } of requests) {
        if (idempotencyKey === null) continue;
        counts.set(idempotencyKey, (counts.get(idempotencyKey) ?? 0) + 1);
      }
      return counts;
    },
    reset() {
      generation += 1;
      requests.length = 0;
      script.length = 0;
      periods.length = 0;
      sentByKey.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function answerFromScript(
  scripted: Exclude<FakeResendAnswer, { kind: 'connection_reset' | 'slow' }>,
): [number, object, Record<string, string>?] {
  switch (scripted.kind) {
    case 'server_error':
      return [
        500,
        errorBody(500, 'internal_server_error', 'An unexpected error occurred'),
      ];
    case 'rate_limited': {
      const seconds =
        scripted.retryAfterSeconds === undefined
          ? DEFAULT_RETRY_AFTER_SECONDS
          : scripted.retryAfterSeconds;
      const headers: Record<string, string> = {
        'ratelimit-limit': '2',
        'ratelimit-remaining': '0',
      };
      if (seconds !== null) headers['retry-after'] = String(seconds);
      return [
        429,
        errorBody(429, 'rate_limit_exceeded', RATE_LIMIT_MESSAGE),
        headers,
      ];
    }
    case 'validation_error':
      return [
        422,
        errorBody(
          422,
          'validation_error',
          scripted.message ?? 'Invalid `to` field.',
        ),
      ];
  }
}

// Resend's error answers carry the status, a machine name and a message.
function errorBody(statusCode: number, name: string, message: string) {
  return { statusCode, name, message };
}

function answer(
  response: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}
