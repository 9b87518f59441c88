import { z } from 'zod';
import { entityId } from './ids.js';

/** Data of each oma job, by job name. */
export const omaJobSchemas = {
  /**
   * Read an uploaded tracer file, store its results and preview on the
   * order. Ids only: the worker loads the file from the upload row.
   */
  'analyse-tracer-file': z.strictObject({
    orderId: entityId,
    uploadId: entityId,
    requestedByUserId: entityId,
  }),
} as const;

export type OmaJobName = keyof typeof omaJobSchemas;
export type OmaJobData<N extends OmaJobName> = z.infer<
  (typeof omaJobSchemas)[N]
>;
