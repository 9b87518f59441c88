import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const USER_ROLES = ['platform_admin', 'company_admin', 'staff'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const companies = pgTable('companies', {
  id: id(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('users_email_key').on(sql`lower(${table.email})`),
    check(
      'users_role_check',
      sql`${table.role} in ('platform_admin', 'company_admin', 'staff')`,
    ),
  ],
);

/** Only the SHA-256 of a token is stored; the token is shown once. */
export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  label: text('label').notNull().default('default'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const patients = pgTable(
  'patients',
  {
    id: id(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: text('date_of_birth'),
    createdAt: createdAt(),
  },
  (table) => [index('patients_company_idx').on(table.companyId)],
);

export const ORDER_STATUSES = ['pending', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One line of an order, as stored in `orders.items`. */
export interface OrderItem {
  description: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export const orderNumberSequence = pgSequence('order_number_seq', {
  startWith: 1001,
});

export const orders = pgTable(
  'orders',
  {
    id: id(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    orderNumber: text('order_number').notNull().unique(),
    status: text('status', { enum: ORDER_STATUSES })
      .notNull()
      .default('pending'),
    items: jsonb('items').$type<OrderItem[]>().notNull(),
    currency: text('currency').notNull().default('EUR'),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    /** When the order is promised; the daily briefing counts late ones. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('orders_company_idx').on(table.companyId)],
);

export const DOCUMENT_TYPES = [
  'order-sheet',
  'lab-work-ticket',
  'examination-form',
  'invoice',
  'receipt',
  'oma-preview',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A generated file. One row per job: a retried job replaces its own file. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    orderId: uuid('order_id').references(() => orders.id, {
      onDelete: 'set null',
    }),
    patientId: uuid('patient_id').references(() => patients.id),
    type: text('type', { enum: DOCUMENT_TYPES }).notNull(),
    path: text('path').notNull(),
    contentType: text('content_type').notNull().default('application/pdf'),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    jobId: uuid('job_id').notNull().unique(),
    createdAt: createdAt(),
  },
  (table) => [index('documents_company_idx').on(table.companyId)],
);

export const EMAIL_STATUSES = ['sent', 'captured', 'failed'] as const;

/** What happened to each email job; the job id makes a resend visible. */
export const emailLog = pgTable('email_log', {
  id: id(),
  jobId: uuid('job_id').notNull().unique(),
  companyId: uuid('company_id').references(() => companies.id),
  type: text('type').notNull(),
  recipient: text('recipient').notNull(),
  providerMessageId: text('provider_message_id'),
  status: text('status', { enum: EMAIL_STATUSES }).notNull(),
  error: text('error'),
  createdAt: createdAt(),
});

export const JOB_STORES = ['redis', 'postgres'] as const;
export type JobStoreName = (typeof JOB_STORES)[number];

/**
 * Every job starts as a row here, written in the caller's transaction. The
 * row id is the job id in whichever store the dispatcher hands it to.
 */
export const jobOutbox = pgTable(
  'job_outbox',
  {
    id: id(),
    queue: text('queue').notNull(),
    name: text('name').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    dedupKey: text('dedup_key'),
    companyId: uuid('company_id'),
    requestId: text('request_id'),
    store: text('store', { enum: JOB_STORES }),
    dispatchAttempts: integer('dispatch_attempts').notNull().default(0),
    lastDispatchError: text('last_dispatch_error'),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (table) => [
    index('job_outbox_pending_idx')
      .on(table.createdAt)
      .where(sql`${table.dispatchedAt} is null`),
    index('job_outbox_company_idx').on(table.companyId, table.createdAt),
    // The operators' job search finds every job of an order by its data.
    index('job_outbox_order_idx').on(
      sql`(${table.data} ->> 'orderId')`,
      table.createdAt,
    ),
    index('job_outbox_created_idx').on(table.createdAt),
  ],
);

/**
 * The de-duplication window of a logical job, decided when the outbox row is
 * written so that it holds whichever store runs the job.
 */
export const jobDedupKeys = pgTable('job_dedup_keys', {
  key: text('key').primaryKey(),
  jobId: uuid('job_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Content of messages composed by server code (`queueGenericEmail`). Kept
 * here so that the job itself carries an id, never an address or a body.
 */
export const outgoingEmails = pgTable('outgoing_emails', {
  id: id(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text'),
  createdAt: createdAt(),
});
