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

/** Requests allowed per minute; 0 turns that limit off. */
const rateLimit = z.coerce.number().int().min(0).max(1_000_000);

/** An origin as browsers send it: scheme, host and port, nothing else. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const AI_PROVIDER_KEYS = ['AI_BASE_URL', 'AI_API_KEY', 'AI_MODEL'] as const;

/** Half a provider configuration is a mistake, not a wish for the default. */
function requireWholeAiProvider(
  env: Partial<Record<(typeof AI_PROVIDER_KEYS)[number], string>>,
  context: z.RefinementCtx,
): void {
  const missing = AI_PROVIDER_KEYS.filter((key) => !env[key]);
  if (missing.length === 0 || missing.length === AI_PROVIDER_KEYS.length) {
    return;
  }
  for (const key of missing) {
    context.addIssue({
      code: 'custom',
      path: [key],
      message: `set ${AI_PROVIDER_KEYS.join(', ')} together, or none of them`,
    });
  }
}

/** Every environment variable the server reads, with its default. */
const envSchema = z
  .object({
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
    // Unset: each queue's own lock (server/queue/config.ts).
    JOB_LOCK_DURATION_MS: z.coerce.number().int().min(1000).optional(),
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
    METRICS_TOKEN: optionalText.pipe(z.string().min(16).optional()),
    AI_BASE_URL: optionalText.pipe(z.url().optional()),
    AI_API_KEY: optionalText,
    AI_MODEL: optionalText,
    AI_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * SECOND),
    DOCUMENT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
    NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().positive().default(7),
    CORS_ORIGINS: optionalText.pipe(
      z
        .string()
        .refine(
          (list) => list.split(',').every((origin) => isOrigin(origin.trim())),
          'expected a comma-separated list of origins like https://app.example',
        )
        .optional(),
    ),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    RATE_LIMIT_AUTH_PER_MINUTE: rateLimit.default(60),
    RATE_LIMIT_WRITES_PER_MINUTE: rateLimit.default(600),
    RATE_LIMIT_WRITES_PER_ADDRESS_PER_MINUTE: rateLimit.default(3000),
  })
  .superRefine(requireWholeAiProvider);

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
      lockDurationMs: env.JOB_LOCK_DURATION_MS,
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
    /** Bearer token that /metrics asks for; unset, /metrics is open. */
    metricsToken: env.METRICS_TOKEN,
    ai: {
      /** All three set: the narrative comes from this chat-completions API. */
      remote:
        env.AI_BASE_URL && env.AI_API_KEY && env.AI_MODEL
          ? {
              baseUrl: env.AI_BASE_URL,
              apiKey: env.AI_API_KEY,
              model: env.AI_MODEL,
            }
          : undefined,
      timeoutMs: env.AI_TIMEOUT_MS,
    },
    retention: {
      documentDays: env.DOCUMENT_RETENTION_DAYS,
      notificationDays: env.NOTIFICATION_RETENTION_DAYS,
      outboxDays: env.OUTBOX_RETENTION_DAYS,
    },
    http: {
      /** Origins allowed to call the API from a browser; empty: CORS off. */
      corsOrigins:
        env.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [],
      /** Proxies in front of the app whose X-Forwarded-For is believed. */
      trustProxyHops: env.TRUST_PROXY_HOPS,
    },
    rateLimits: {
      authPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE,
      writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE,
      writesPerAddressPerMinute: env.RATE_LIMIT_WRITES_PER_ADDRESS_PER_MINUTE,
    },
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
