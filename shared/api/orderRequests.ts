import { z } from 'zod';
import { entityId } from '../jobs/ids.js';

const MAX_ITEMS = 100;

/** Prices come as numbers of the currency unit, at most two decimals. */
const price = z
  .number({ message: 'expected a number' })
  .nonnegative({ message: 'must not be negative' })
  .max(1_000_000, { message: 'must be at most 1000000' })
  .refine((value) => Number.isInteger(Math.round(value * 100 * 1e6) / 1e6), {
    message: 'must have at most two decimals',
  });

/** One line of a new order. */
export const orderItemInput = z.strictObject({
  description: z.string().trim().min(1).max(200),
  quantity: z
    .number({ message: 'expected a number' })
    .int({ message: 'must be a whole number' })
    .positive({ message: 'must be at least 1' })
    .max(10_000),
  unitPrice: price,
});

/** Body of `POST /api/orders`. */
export const createOrderRequest = z.strictObject({
  patientId: entityId,
  items: z.array(orderItemInput).min(1).max(MAX_ITEMS),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequest>;

/** Body of `POST /api/orders/:id/ship`. */
export const shipOrderRequest = z.strictObject({
  trackingNumber: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9 ._/-]+$/, 'letters, digits, spaces and . _ / - only'),
  carrier: z.string().trim().min(1).max(64),
});
export type ShipOrderRequest = z.infer<typeof shipOrderRequest>;

/** `:id` path parameters. */
export const idParams = z.object({ id: entityId });
