import { z } from 'zod';

/** A row id: every table of the platform uses UUIDs. */
export const entityId = z.uuid({ message: 'expected a UUID' });

/** A calendar date written as YYYY-MM-DD. */
export const isoDate = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
