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
