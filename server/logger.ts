import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may hold personal data or secrets. Job data, bodies and headers
 * are never logged on purpose; this list catches the accidents.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.email',
  '*.to',
  'data',
  'body',
];

/**
 * A failed query's error quotes its SQL and parameters, and the database's
 * reason may quote a value too; values are user data (names, notes). Such
 * an error is logged with the database's error code only.
 */
function serializeError(error: unknown): unknown {
  // Callers also log a plain message string as `err`; that passes as it is.
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  if (!String(serialized.message).startsWith('Failed query')) {
    return serialized;
  }
  const cause = error.cause as { code?: unknown } | undefined;
  return {
    type: serialized.type,
    message: 'Failed query (statement, parameters and reason withheld)',
    databaseCode: typeof cause?.code === 'string' ? cause.code : undefined,
  };
}

/** Options for the process logger. */
export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** Where JSON lines go instead of stdout; tests read their logs here. */
  destination?: pino.DestinationStream;
}

/** JSON logs in production; readable lines in development. */
export function createLogger({
  level,
  pretty,
  destination,
}: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'integratedlens' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    ...(pretty && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: false, translateTime: 'SYS:HH:MM:ss.l' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
