import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

/** Order numbers read like IL-001001: a sequence, never reused. */
export async function nextOrderNumber(executor: Executor): Promise<string> {
  const result = await executor.execute<{ value: string }>(
    sql`select nextval('order_number_seq')::text as value`,
  );
  const value = result.rows[0]?.value ?? '0';
  return `IL-${value.padStart(6, '0')}`;
}
