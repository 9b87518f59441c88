import { z } from 'zod';

/** Longest lifetime a token may be given, in days. */
export const MAX_TOKEN_EXPIRY_DAYS = 365;

/** Body of `POST /api/auth/tokens`. */
export const createTokenRequest = z.strictObject({
  /** What the token is for, e.g. "lab integration"; shown in the list. */
  label: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]+$/u, 'must not hold control characters')
    .default('default'),
  /** Days until the token stops working; unset: until revoked. */
  expiresInDays: z
    .number({ message: 'expected a number of days' })
    .int({ message: 'must be a whole number of days' })
    .min(1)
    .max(MAX_TOKEN_EXPIRY_DAYS)
    .optional(),
});
export type CreateTokenRequest = z.infer<typeof createTokenRequest>;
