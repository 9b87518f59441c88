import { z } from 'zod';
import { entityId } from '../jobs/ids.js';

/** Body of `POST /api/marketplace/connections`. */
export const createConnectionRequest = z.strictObject({
  targetCompanyId: entityId,
});
export type CreateConnectionRequest = z.infer<typeof createConnectionRequest>;

/** `:id` of a connection: a positive whole number. */
export const connectionIdParams = z.object({
  id: z.coerce
    .number({ message: 'expected a connection id' })
    .int({ message: 'expected a whole number' })
    .positive({ message: 'expected a positive number' })
    .max(2_147_483_647, { message: 'expected a connection id' }),
});
