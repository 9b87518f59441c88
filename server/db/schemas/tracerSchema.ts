import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  TracerComparison,
  TracerDeclaredValue,
  TracerOrderValue,
  TracerProducer,
  TracerUnsupportedDataset,
  TracerWarning,
} from '../../../shared/api/omaRequests.js';
import { companies, documents, orders, users } from '../schema.js';

/**
 * A lens-tracer file uploaded for an order. The file lives under the
 * uploads folder with a name the server made (`path`); the name the client
 * sent is kept for display only and never used to reach the disk.
 */
export const omaUploads = pgTable(
  'oma_uploads',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    uploadedByUserId: uuid('uploaded_by_user_id')
      .notNull()
      .references(() => users.id),
    /** Relative to the uploads folder, with forward slashes. */
    path: text('path').notNull(),
    originalFileName: text('original_file_name'),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** The oma job that reads the file; set in the upload's transaction. */
    jobId: uuid('job_id'),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    index('oma_uploads_order_idx').on(table.orderId, table.createdAt),
  ],
);

export const TRACER_STATUSES = ['complete', 'partial', 'invalid'] as const;
export type TracerStatus = (typeof TRACER_STATUSES)[number];

/**
 * What the oma job found in one upload: one row per upload, written by the
 * job (a retried job replaces its own row). `invalid` rows carry the reason
 * the file could not be read, naming its line and record.
 */
export const tracerResults = pgTable(
  'tracer_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    uploadId: uuid('upload_id')
      .notNull()
      .unique()
      .references(() => omaUploads.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id').notNull(),
    status: text('status', { enum: TRACER_STATUSES }).notNull(),
    /** Why an invalid file cannot be read; null otherwise. */
    reason: text('reason'),
    reasonLine: integer('reason_line'),
    reasonRecord: text('reason_record'),
    /** Trace format numbers present in the file, decoded or not. */
    formats: jsonb('formats').$type<number[]>().notNull().default([]),
    producer: jsonb('producer').$type<TracerProducer>(),
    /** Declared bridge (DBL), mm. */
    dblMm: doublePrecision('dbl_mm'),
    /** Mean computed HBOX + DBL, mm. */
    framePdMm: doublePrecision('frame_pd_mm'),
    comparisons: jsonb('comparisons')
      .$type<TracerComparison[]>()
      .notNull()
      .default([]),
    orderValues: jsonb('order_values')
      .$type<TracerOrderValue[]>()
      .notNull()
      .default([]),
    warnings: jsonb('warnings').$type<TracerWarning[]>().notNull().default([]),
    unsupported: jsonb('unsupported')
      .$type<TracerUnsupportedDataset[]>()
      .notNull()
      .default([]),
    previewDocumentId: uuid('preview_document_id').references(
      () => documents.id,
      { onDelete: 'set null' },
    ),
    analysedAt: timestamp('analysed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    index('tracer_results_order_idx').on(table.orderId),
    check(
      'tracer_results_status_check',
      sql`${table.status} in ('complete', 'partial', 'invalid')`,
    ),
  ],
);

export const TRACER_SIDES = ['right', 'left'] as const;

/** One eye's shape as measured from its trace; lengths in mm. */
export const tracerEyes = pgTable(
  'tracer_eyes',
  {
    resultId: uuid('result_id')
      .notNull()
      .references(() => tracerResults.id, { onDelete: 'cascade' }),
    side: text('side', { enum: TRACER_SIDES }).notNull(),
    format: integer('format').notNull(),
    pointCount: integer('point_count').notNull(),
    /** Z heights used for the 3-D circumference; null without Z data. */
    zPointCount: integer('z_point_count'),
    hboxMm: doublePrecision('hbox_mm').notNull(),
    vboxMm: doublePrecision('vbox_mm').notNull(),
    circumferenceMm: doublePrecision('circumference_mm').notNull(),
    circumference3dMm: doublePrecision('circumference_3d_mm'),
    effectiveDiameterMm: doublePrecision('effective_diameter_mm').notNull(),
    effectiveDiameterAxisDeg: doublePrecision(
      'effective_diameter_axis_deg',
    ).notNull(),
    boxCentreOffsetXMm: doublePrecision('box_centre_offset_x_mm').notNull(),
    boxCentreOffsetYMm: doublePrecision('box_centre_offset_y_mm').notNull(),
    /** Values the file declares for this eye, by quantity. */
    declared: jsonb('declared')
      .$type<Record<string, TracerDeclaredValue>>()
      .notNull()
      .default({}),
  },
  (table) => [
    primaryKey({ columns: [table.resultId, table.side] }),
    check('tracer_eyes_side_check', sql`${table.side} in ('right', 'left')`),
  ],
);
