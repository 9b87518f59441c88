import { z } from 'zod';

/** What the load driver does: one POST /api/orders every 1/rate seconds. */
export const loadPlanSchema = z.object({
  url: z.url(),
  token: z.string().min(1),
  patientId: z.uuid(),
  ratePerSecond: z.number().positive().max(50),
  durationMs: z.number().int().positive().max(120_000),
  requestTimeoutMs: z.number().int().positive().max(30_000),
});
export type LoadPlan = z.infer<typeof loadPlanSchema>;

/** An order the server answered 201 for, with its two job ids. */
export const acceptedOrderSchema = z.object({
  orderId: z.uuid(),
  orderNumber: z.string(),
  confirmationEmailJobId: z.uuid(),
  orderSheetJobId: z.uuid(),
});
export type AcceptedOrder = z.infer<typeof acceptedOrderSchema>;

/** What the driver prints as one JSON line when it is done. */
export const loadResultSchema = z.object({
  sent: z.number().int(),
  accepted: z.array(acceptedOrderSchema),
  /** Requests not answered 201, by reason (`status 503`, `ECONNREFUSED`). */
  refused: z.record(z.string(), z.number().int()),
  startedAt: z.number(),
  finishedAt: z.number(),
});
export type LoadResult = z.infer<typeof loadResultSchema>;

/** Environment variable through which the plan reaches the driver. */
export const LOAD_PLAN_VARIABLE = 'CHAOS_LOAD_PLAN';
