import type { DefaultJobOptions } from 'bullmq';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The six queues of the platform. */
export const QUEUE_NAMES = [
  'emails',
  'pdfs',
  'notifications',
  'ai',
  'oma',
  'scheduled',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}

/** How the workers of one queue run, the same on both stores. */
export interface QueueSettings {
  concurrency: number;
  /** At most `max` jobs start per `durationMs`, per store. */
  limiter?: { max: number; durationMs: number };
  /** How long a worker owns a job before it counts as stalled. */
  lockDurationMs: number;
  /** Key of this queue in `getQueueStats()`, as the platform named them. */
  statsKey: string;
}

export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {
  emails: {
    concurrency: 5,
    limiter: { max: 100, durationMs: MINUTE },
    lockDurationMs: 30 * SECOND,
    statsKey: 'email',
  },
  pdfs: {
    concurrency: 3,
    limiter: { max: 20, durationMs: MINUTE },
    // A long render does not need a long lock: the worker renews its lock
    // every half lock while its process lives (rendering runs in Chromium,
    // so the event loop stays free), and a render is cut off after 30 s.
    // The lock only bounds how soon a crashed worker's job runs again; at
    // 10 minutes, a PDF of a killed worker waited that long (chaos 3).
    lockDurationMs: 30 * SECOND,
    statsKey: 'pdf',
  },
  notifications: {
    concurrency: 10,
    lockDurationMs: 30 * SECOND,
    statsKey: 'notification',
  },
  ai: { concurrency: 2, lockDurationMs: 2 * MINUTE, statsKey: 'ai' },
  oma: { concurrency: 4, lockDurationMs: MINUTE, statsKey: 'oma' },
  scheduled: {
    concurrency: 1,
    lockDurationMs: 5 * MINUTE,
    statsKey: 'scheduled',
  },
};

/** Attempts, backoff and retention of every job unless a job says otherwise. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5 * SECOND },
  // BullMQ counts retention ages in seconds.
  removeOnComplete: { age: DAY / SECOND, count: 1000 },
  removeOnFail: { age: (7 * DAY) / SECOND, count: 5000 },
};

/**
 * Job options of one queue that differ from the defaults. Emails ride out a
 * provider outage of about two and a half minutes (retries after 5, 10, 20,
 * 40 and 80 s): with three attempts, 15 s of provider 500s failed every
 * email sent in them (chaos 6). Resend's idempotency key and the email log
 * keep the retries from sending twice.
 */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, DefaultJobOptions>> =
  {
    emails: { attempts: 6 },
  };

/** The same logical job added again within this window is the same job. */
export const DEDUP_WINDOW_MS = 5 * MINUTE;
