import { z } from 'zod';

/**
 * A row id: every table of the platform uses UUIDs. Written in lower case,
 * as the stores keep job ids: PostgreSQL compares UUIDs in any case, but
 * BullMQ looks ids up as text.
 */
export const entityId = z
  .uuid({ message: 'expected a UUID' })
  .transform((id) => id.toLowerCase());

/** A calendar date written as YYYY-MM-DD. */
export const isoDate = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
