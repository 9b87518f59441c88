import { existsSync } from 'node:fs';
import { z } from 'zod';
import { QUEUE_NAMES } from './queue/config.js';

const SECOND = 1000;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const port = z.coerce.number().int().min(0).max(65535);

/** Every environment variable the server reads, with its default. */
const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(5000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  DATABASE_URL: optionalText.pipe(z.url().optional()),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: port.default(54329),
  REDIS_URL: optionalText.pipe(
    z
      .url()
      .refine(
        (url) => /^rediss?:\/\//.test(url),
        'expected redis:// or rediss://',
      )
      .optional(),
  ),
  REDIS_HOST: z.string().min(1).default('localhost'),
  REDIS_PORT: port.default(6379),
  REDIS_PASSWORD: optionalText,
  REDIS_DB: z.coerce.number().int().min(0).max(15).default(0),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'expected letters, digits, _ or -')
    .default('bull'),
  REDIS_ADD_TIMEOUT_MS: z.coerce.number().int().positive().default(SECOND),
  OUTBOX_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * SECOND),
  RUN_WORKERS: booleanFromEnv.default(true),
  WORKER_QUEUES: optionalText.pipe(
    z
      .string()
      .refine(
        (list) =>
          list
            .split(',')
            .every((name) =>
              (QUEUE_NAMES as readonly string[]).includes(name.trim()),
            ),
        `expected a comma-separated list of ${QUEUE_NAMES.join(', ')}`,
      )
      .optional(),
  ),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * SECOND),
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: optionalText.pipe(z.url().optional()),
  EMAIL_FROM: z
    .string()
    .min(3)
    .default('IntegratedLens <noreply@integratedlens.com>'),
  VITE_BASE_URL: z.url().default('http://localhost:5000'),
  PUPPETEER_EXECUTABLE_PATH: optionalText,
  UPLOADS_DIR: z.string().min(1).default('uploads'),
});

export type Env = z.input<typeof envSchema>;
export type Config = ReturnType<typeof toConfig>;

/** Thrown when the environment holds a value the server cannot use. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

function toConfig(env: z.output<typeof envSchema>) {
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    embeddedPostgres: {
      dataDir: env.EMBEDDED_PG_DIR,
      port: env.EMBEDDED_PG_PORT,
    },
    redis: {
      url: env.REDIS_URL,
      host: env.REDIS_HOST,
      port: env.REDIS_PORT,
      password: env.REDIS_PASSWORD,
      db: env.REDIS_DB,
    },
    queue: {
      prefix: env.QUEUE_PREFIX,
      redisAddTimeoutMs: env.REDIS_ADD_TIMEOUT_MS,
      outboxSweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
    },
    runWorkers: env.RUN_WORKERS,
    workerQueues: env.WORKER_QUEUES?.split(',').map((name) => name.trim()),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    email: {
      resendApiKey: env.RESEND_API_KEY,
      resendBaseUrl: env.RESEND_BASE_URL,
      from: env.EMAIL_FROM,
    },
    publicBaseUrl: env.VITE_BASE_URL,
    puppeteerExecutablePath: env.PUPPETEER_EXECUTABLE_PATH,
    uploadsDir: env.UPLOADS_DIR,
  };
}

/**
 * Loads `.env` from the working folder when there is one. Variables already
 * set in the environment win over the file.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Reads the environment once. Every problem is reported, one per line, each
 * naming the variable and what it expected.
 */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      ),
    );
  }
  return toConfig(parsed.data);
}
