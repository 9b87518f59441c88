import type { z } from 'zod';
import { validationErrorFromZod } from '../errors/validationError.js';

/** Parses request input with its schema, or throws a 400 naming each field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error.issues);
  return parsed.data;
}
